import { makeStyles, mergeClasses, ProgressBar, Spinner, Text, tokens } from '@fluentui/react-components';
import { useEffect, useMemo, useRef } from 'react';
import type { StepState } from '../../../shared/ipc/contract.ts';
import { stepStateText, type ApplyStep } from '../addresses/applySteps.ts';
import { buildFlowView, formatDuration, latestAnnouncement, stateMark, type FlowStep, type ServerLine } from './flowView.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  step: { display: 'flex', flexDirection: 'column' },
  head: { display: 'flex', alignItems: 'baseline', gap: tokens.spacingHorizontalS, minHeight: '20px' },
  mark: { width: '16px', textAlign: 'center', fontWeight: tokens.fontWeightSemibold },
  number: { width: '18px', color: tokens.colorNeutralForeground3, textAlign: 'right' },
  title: { minWidth: '170px' },
  state: { minWidth: '72px', color: tokens.colorNeutralForeground3 },
  duration: { color: tokens.colorNeutralForeground3, fontVariantNumeric: 'tabular-nums' },
  detail: { color: tokens.colorNeutralForeground2, paddingLeft: '44px', fontSize: tokens.fontSizeBase200 },
  servers: { listStyleType: 'none', margin: 0, padding: `0 0 0 44px`, display: 'flex', flexDirection: 'column' },
  server: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'baseline', fontSize: tokens.fontSizeBase200 },
  serverName: { fontWeight: tokens.fontWeightSemibold, minWidth: '64px' },
  failover: { color: tokens.colorPaletteDarkOrangeForeground1, fontWeight: tokens.fontWeightSemibold },
  done: { color: tokens.colorPaletteGreenForeground1 },
  failed: { color: tokens.colorPaletteRedForeground1 },
  skipped: { color: tokens.colorNeutralForegroundDisabled },
  pending: { color: tokens.colorNeutralForeground3 },
  running: { color: tokens.colorBrandForeground1 },
  visuallyHidden: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' },
});

function StateMark({ state }: { state: StepState }) {
  const styles = useStyles();
  if (state === 'running') return <Spinner size="extra-tiny" aria-hidden className={styles.mark} />;
  return (
    <span aria-hidden className={mergeClasses(styles.mark, styles[state])}>
      {stateMark[state]}
    </span>
  );
}

function ServerRow({ line }: { line: ServerLine }) {
  const styles = useStyles();
  const greyed = line.state === 'skipped' || line.state === 'pending';
  return (
    <li className={mergeClasses(styles.server, greyed && styles.skipped)} data-server={line.server} data-state={line.state}>
      <StateMark state={line.state} />
      <span className={styles.serverName}>{line.server}</span>
      <span>
        — {line.detail ?? stepStateText[line.state]}
        {line.durationMs !== undefined && line.state !== 'skipped' ? ` (${formatDuration(line.durationMs)})` : ''}
      </span>
      {line.failedOver && <span className={styles.failover}>→ next server</span>}
    </li>
  );
}

function StepRow({ step }: { step: FlowStep }) {
  const styles = useStyles();
  const greyed = step.state === 'skipped';
  return (
    <li className={mergeClasses(styles.step, greyed && styles.skipped)} data-step={step.id} data-state={step.state}>
      <div className={styles.head}>
        <StateMark state={step.state} />
        <span className={styles.number}>{step.number !== undefined ? `${step.number}.` : ''}</span>
        <Text weight="semibold" className={mergeClasses(styles.title, greyed && styles.skipped)}>
          {step.title}
        </Text>
        <Text className={mergeClasses(styles.state, styles[step.state])}>{stepStateText[step.state]}</Text>
        {step.durationMs !== undefined && step.state !== 'skipped' && <Text className={styles.duration}>{formatDuration(step.durationMs)}</Text>}
      </div>
      {step.detail && <Text className={mergeClasses(styles.detail, greyed && styles.skipped)}>{step.detail}</Text>}
      {step.servers.length > 0 && (
        <ul className={styles.servers} aria-label={`${step.title} per server`}>
          {step.servers.map((line) => (
            <ServerRow key={line.id} line={line} />
          ))}
        </ul>
      )}
    </li>
  );
}

/**
 * The Apply progress as the original ran it (seed steps 1–8), per-server lines under steps 3–6, and
 * a polite live region announcing each change (the list itself is not live, so a screen reader
 * hears one sentence per change instead of the whole list).
 */
export function FlowProgress({ steps, running }: { steps: readonly ApplyStep[]; running: boolean }) {
  const styles = useStyles();
  const view = useMemo(() => buildFlowView(steps), [steps]);
  const announcement = useMemo(() => latestAnnouncement(steps, stepStateText), [steps]);
  const sectionRef = useRef<HTMLElement>(null);
  // Apply pressed low in a scrolled window: bring the steps into view (focus stays where it was).
  useEffect(() => {
    if (running) sectionRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [running]);
  if (steps.length === 0 && !running) return null;
  return (
    <section ref={sectionRef} className={styles.root} aria-label="Validation flow">
      {running && <ProgressBar aria-label="Apply in progress" thickness="medium" />}
      {view.length === 0 && running && <Spinner size="tiny" label="Starting…" labelPosition="after" />}
      <ol className={styles.list} aria-label="Apply progress">
        {view.map((step) => (
          <StepRow key={step.id} step={step} />
        ))}
      </ol>
      <div role="status" aria-live="polite" className={styles.visuallyHidden} data-testid="flow-announcement">
        {announcement}
      </div>
    </section>
  );
}
