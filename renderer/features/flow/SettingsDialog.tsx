import {
  Button,
  Combobox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Option,
  Radio,
  RadioGroup,
  Select,
  Spinner,
  tokens,
} from '@fluentui/react-components';
import { trainingScenarioLabels, trainingScenarios, type FailoverMode, type TrainingScenario, type WorkflowMode } from '../../../shared/model/workflow.ts';
import { useAppStore } from '../app/appStore.ts';
import type { SettingsForm } from './settingsForm.ts';
import { useWorkflowSettingsStore } from './workflowSettingsStore.ts';

const useStyles = makeStyles({
  surface: { width: '640px', maxWidth: '95vw' },
  grid: { display: 'grid', gridTemplateColumns: 'repeat(3, minmax(0, 1fr))', gap: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}` },
  wide: { gridColumn: '1 / -1' },
  two: { gridColumn: 'span 2' },
  control: { minWidth: 0, width: '100%' },
});

const MODE_LABELS: Record<WorkflowMode, string> = {
  original: 'Original flow through an Exchange server (the eight steps of Exchange 2003)',
  direct: 'Direct: no Exchange server needed (Global Catalog check, then write)',
};

const FAILOVER_LABELS: Record<FailoverMode, string> = {
  parallel: 'Parallel: ask all servers at once, still choose the oldest that passes (faster)',
  sequential: 'Sequential: one server after the other, as the original',
};

/** The header's entry to the Validation settings. */
export function SettingsButton() {
  const opened = useWorkflowSettingsStore((s) => s.settingsOpened);
  return (
    <>
      <Button appearance="secondary" onClick={() => void opened()}>
        Settings…
      </Button>
      <SettingsDialog />
    </>
  );
}

/** Mode, failover, preferred server (KB 895668), static port (KB 270836), timeouts and the training scenario. */
export function SettingsDialog() {
  const styles = useStyles();
  const state = useWorkflowSettingsStore();
  const isTraining = useAppStore((s) => s.info?.directoryKind === 'training');
  const { form, errors } = state;

  const textField = (field: keyof SettingsForm) => ({
    value: String(form?.[field] ?? ''),
    onChange: (_: unknown, data: { value: string }) => state.fieldChanged(field, data.value as never),
  });
  const numberField = (field: keyof SettingsForm) => ({ ...textField(field), inputMode: 'numeric' as const });
  const fieldError = (field: keyof SettingsForm) => (errors[field] ? { validationMessage: errors[field], validationState: 'error' as const } : {});
  const direct = form?.mode === 'direct';

  return (
    <Dialog open={state.open} onOpenChange={(_, data) => !data.open && state.settingsClosed()}>
      <DialogSurface className={styles.surface} aria-label="Validation settings">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void state.saveRequested();
          }}
        >
          <DialogBody>
            <DialogTitle>Validation settings</DialogTitle>
            <DialogContent>
              {state.status === 'loading' && <Spinner label="Reading the settings…" />}
              {state.error && (
                <MessageBar intent="error">
                  <MessageBarBody>
                    {state.error.message} {state.error.hint}
                  </MessageBarBody>
                </MessageBar>
              )}
              {form && state.status !== 'loading' && (
                <div className={styles.grid}>
                  <Field label="Before new addresses are written, check them" className={styles.wide}>
                    <RadioGroup value={form.mode} onChange={(_, data) => state.fieldChanged('mode', data.value as WorkflowMode)}>
                      {(Object.keys(MODE_LABELS) as WorkflowMode[]).map((mode) => (
                        <Radio key={mode} value={mode} label={MODE_LABELS[mode]} />
                      ))}
                    </RadioGroup>
                  </Field>
                  <Field label="Failover between Exchange servers" className={styles.wide} hint={direct ? 'Not used in Direct mode.' : undefined}>
                    <RadioGroup value={form.failover} disabled={direct} onChange={(_, data) => state.fieldChanged('failover', data.value as FailoverMode)}>
                      {(Object.keys(FAILOVER_LABELS) as FailoverMode[]).map((mode) => (
                        <Radio key={mode} value={mode} label={FAILOVER_LABELS[mode]} />
                      ))}
                    </RadioGroup>
                  </Field>
                  <Field
                    label="Preferred Exchange server (KB 895668)"
                    className={styles.two}
                    hint={state.serversError ? `Tried first. The server list could not be read (${state.serversError.message}); type a name.` : 'Tried first; empty = oldest first, as the original.'}
                    {...fieldError('preferredServer')}
                  >
                    <Combobox
                      className={styles.control}
                      freeform
                      disabled={direct}
                      placeholder="None (oldest first)"
                      value={form.preferredServer}
                      selectedOptions={form.preferredServer ? [form.preferredServer] : []}
                      onChange={(event) => state.fieldChanged('preferredServer', event.target.value)}
                      onOptionSelect={(_, data) => state.fieldChanged('preferredServer', data.optionValue ?? '')}
                    >
                      {state.servers.map((server) => (
                        <Option key={server.dn} value={server.name} text={server.name}>
                          {`${server.name} (${server.host}, created ${server.whenCreated.slice(0, 10)})`}
                        </Option>
                      ))}
                    </Combobox>
                  </Field>
                  <Field
                    label="Static System Attendant ports (KB 270836)"
                    className={styles.wide}
                    hint="Per server, e.g. EXCH02=4560, EXCH03=6001: that server's endpoint mapper (TCP 135) is not asked. Empty = ask every endpoint mapper."
                    {...fieldError('saStaticPorts')}
                  >
                    <Input className={styles.control} {...textField('saStaticPorts')} disabled={direct} placeholder="Endpoint mapper for every server" />
                  </Field>
                  <Field label="Ping timeout (ms)" {...fieldError('pingTimeoutMs')}>
                    <Input className={styles.control} {...numberField('pingTimeoutMs')} disabled={direct} />
                  </Field>
                  <Field label="Service Control Manager timeout (ms)" {...fieldError('scmTimeoutMs')}>
                    <Input className={styles.control} {...numberField('scmTimeoutMs')} disabled={direct} />
                  </Field>
                  <Field label="System Attendant timeout (ms)" {...fieldError('saTimeoutMs')}>
                    <Input className={styles.control} {...numberField('saTimeoutMs')} disabled={direct} />
                  </Field>
                  {isTraining && (
                    <Field label="Training directory: what the Exchange servers do" className={styles.wide} hint="Faults hit the oldest server, EXCH02, so the original's failover and dialogs can be shown.">
                      <Select value={form.trainingScenario} onChange={(_, data) => state.fieldChanged('trainingScenario', data.value as TrainingScenario)}>
                        {trainingScenarios.map((scenario) => (
                          <option key={scenario} value={scenario}>
                            {trainingScenarioLabels[scenario]}
                          </option>
                        ))}
                      </Select>
                    </Field>
                  )}
                </div>
              )}
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" type="submit" disabled={!form || state.status !== 'ready'}>
                Save
              </Button>
              <Button onClick={state.settingsClosed}>Cancel</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
