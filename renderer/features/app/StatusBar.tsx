import { makeStyles, Text, tokens } from '@fluentui/react-components';
import { useAppStore } from './appStore.ts';

const useStyles = makeStyles({
  bar: {
    display: 'flex',
    gap: tokens.spacingHorizontalL,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  error: { color: tokens.colorPaletteRedForeground1 },
});

export function StatusBar() {
  const styles = useStyles();
  const info = useAppStore((s) => s.info);
  const error = useAppStore((s) => s.error);
  return (
    <footer className={styles.bar} role="status" aria-label="Status">
      <Text size={200} data-testid="directory-status">
        {info ? `Connected to: ${info.directoryLabel}` : 'Connecting…'}
      </Text>
      {error && (
        <Text size={200} className={styles.error}>
          {error.message}
        </Text>
      )}
    </footer>
  );
}
