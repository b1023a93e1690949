import { makeStyles, tokens } from '@fluentui/react-components';
import type { WireLine } from '../../../shared/transcript.ts';
import { FlowProgress } from '../flow/FlowProgress.tsx';
import { WirePanel } from '../flow/WirePanel.tsx';
import type { ApplyStep } from './applySteps.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

/** Apply's progress: the validation flow step by step, and under it what went over the wire. */
export function ApplyProgress({ steps, wireLines, running }: { steps: readonly ApplyStep[]; wireLines: readonly WireLine[]; running: boolean }) {
  const styles = useStyles();
  if (steps.length === 0 && !running) return null;
  return (
    <div className={styles.root}>
      <FlowProgress steps={steps} running={running} />
      <WirePanel lines={wireLines} />
    </div>
  );
}
