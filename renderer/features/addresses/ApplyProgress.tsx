import { makeStyles, mergeClasses, Spinner, Text, tokens } from '@fluentui/react-components';
import { stepStateText, type ApplyStep } from './applySteps.ts';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  step: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  state: { minWidth: '80px', color: tokens.colorNeutralForeground3 },
  done: { color: tokens.colorPaletteGreenForeground1 },
  failed: { color: tokens.colorPaletteRedForeground1 },
  skipped: { color: tokens.colorNeutralForegroundDisabled },
  detail: { color: tokens.colorNeutralForeground3 },
});

/** The steps of an Apply, each pending | running | done | failed | skipped, announced politely. */
export function ApplyProgress({ steps }: { steps: readonly ApplyStep[] }) {
  const styles = useStyles();
  if (steps.length === 0) return null;
  return (
    <ol className={styles.list} aria-label="Apply progress" aria-live="polite">
      {steps.map((step) => (
        <li key={step.id} className={styles.step} data-step={step.id} data-state={step.state}>
          {step.state === 'running' ? <Spinner size="extra-tiny" aria-hidden /> : null}
          <Text weight="semibold">{step.title}</Text>
          <Text className={mergeClasses(styles.state, step.state === 'done' && styles.done, step.state === 'failed' && styles.failed, step.state === 'skipped' && styles.skipped)}>
            {stepStateText[step.state]}
          </Text>
          {step.detail && <Text className={styles.detail}>{step.detail}</Text>}
        </li>
      ))}
    </ol>
  );
}
