import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useEffect, useId, useRef, useState } from 'react';
import { formatWireLine, type WireLine } from '../../../shared/transcript.ts';
import { useWirePanelStore } from './wirePanelStore.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  bar: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  count: { color: tokens.colorNeutralForeground3, flexGrow: 1 },
  log: {
    listStyleType: 'none',
    margin: 0,
    padding: tokens.spacingHorizontalS,
    maxHeight: '220px',
    overflow: 'auto',
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    backgroundColor: tokens.colorNeutralBackground3,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  },
  note: { color: tokens.colorNeutralForeground3, fontStyle: 'italic' },
  time: { color: tokens.colorNeutralForeground3 },
});

/** Copies with the Clipboard API, or with a hidden textarea where it is refused (Electron denies the permission). */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

function stamp(ms: number): string {
  return `${(ms / 1000).toFixed(3).padStart(7, ' ')}s`;
}

/**
 * The trainer's view: every packet and call of the job in the seed's NetMon style
 * ("Client to Server SVCCTL SVCCTL: ROpenSCManagerW Request, …"), following the newest line.
 */
export function WirePanel({ lines }: { lines: readonly WireLine[] }) {
  const styles = useStyles();
  const open = useWirePanelStore((s) => s.open);
  const toggled = useWirePanelStore((s) => s.toggled);
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const logRef = useRef<HTMLOListElement>(null);
  const logId = useId();

  // Follows the newest line unless the reader scrolled up to study an earlier one.
  const following = useRef(true);
  useEffect(() => {
    const log = logRef.current;
    if (log && following.current) log.scrollTop = log.scrollHeight;
  }, [lines, open]);
  useEffect(() => setCopied('idle'), [lines]);

  const copy = async () => {
    const text = lines.map((l) => `${stamp(l.atMs)}  ${formatWireLine(l)}`).join('\n');
    setCopied((await copyText(text)) ? 'copied' : 'failed');
  };

  return (
    <div className={styles.root}>
      <div className={styles.bar}>
        <Button appearance="subtle" size="small" aria-expanded={open} aria-controls={logId} onClick={toggled}>
          {open ? 'Hide what happens on the wire' : 'Show what happens on the wire'}
        </Button>
        <Text className={styles.count} size={200}>
          {lines.length === 0 ? 'No packets yet' : `${lines.length} line${lines.length === 1 ? '' : 's'}`}
        </Text>
        {open && (
          <Button size="small" onClick={() => void copy()} disabled={lines.length === 0}>
            {copied === 'copied' ? 'Copied' : copied === 'failed' ? 'Copy failed' : 'Copy'}
          </Button>
        )}
      </div>
      {open && (
        <ol
          ref={logRef}
          onScroll={(event) => {
            const log = event.currentTarget;
            following.current = log.scrollHeight - log.scrollTop - log.clientHeight < 24;
          }}
          id={logId} className={styles.log} aria-label="On the wire" role="log" data-testid="wire-log" tabIndex={0}>
          {lines.map((line, i) => (
            <li key={i} className={line.direction === 'note' ? styles.note : undefined} data-protocol={line.protocol}>
              <span className={styles.time}>{stamp(line.atMs)} </span>
              {formatWireLine(line)}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
