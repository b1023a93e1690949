import { Button, Checkbox, makeStyles, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Spinner, Text, tokens } from '@fluentui/react-components';
import { useEffect, useMemo } from 'react';
import { canSetPrimary, currentValues, primaryCandidates, rows as sessionRows } from '../../../shared/addresses/editSession.ts';
import { AccessKeyLabel } from './AccessKeyLabel.tsx';
import { AddressDialog } from './AddressDialog.tsx';
import { useAddressEditorStore } from './addressEditorStore.ts';
import { AddressList } from './AddressList.tsx';
import { AddressTypeDialog } from './AddressTypeDialog.tsx';
import { ApplyProgress } from './ApplyProgress.tsx';
import { ChoosePrimaryDialog } from './ChoosePrimaryDialog.tsx';
import { ConflictBar } from './ConflictBar.tsx';
import { OriginalErrorDialog } from '../flow/OriginalErrorDialog.tsx';
import { holdersOf, originalDialogOf } from '../flow/originalDialog.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

const POLICY_LABEL = 'Automatically update e-mail addresses based on recipient policy';

/** Alt+letter access keys, as the original's "&New...", "&Edit...", "&Remove", "&Set as Primary". */
const accessKeys: Record<string, 'new' | 'edit' | 'remove' | 'primary'> = { n: 'new', e: 'edit', r: 'remove', s: 'primary' };

export function AddressesTab({ dn }: { dn: string }) {
  const styles = useStyles();
  const store = useAddressEditorStore;
  const loadStatus = store((s) => s.loadStatus);
  const loadError = store((s) => s.loadError);
  const session = store((s) => s.session);
  const selectedId = store((s) => s.selectedId);
  const dialog = store((s) => s.dialog);
  const focusListTick = store((s) => s.focusListTick);
  const applySteps = store((s) => s.applySteps);
  const applyError = store((s) => s.applyError);
  const applyRunning = store((s) => s.applyStatus === 'running');
  const wireLines = store((s) => s.wireLines);
  const originalDialogOpen = store((s) => s.originalDialogOpen);
  const conflict = store((s) => s.conflict);
  const replaySkipped = store((s) => s.replaySkipped);
  const actions = store.getState();

  useEffect(() => {
    void store.getState().editorOpened(dn);
    return () => store.getState().editorClosed();
  }, [dn, store]);

  const rows = useMemo(() => (session ? sessionRows(session) : []), [session]);
  const selected = rows.find((r) => r.id === selectedId) ?? null;
  const canEdit = !!selected && selected.state !== 'removed' && selected.type !== '';
  const canRemove = !!selected && selected.state !== 'removed';
  const canPrimary = !!session && !!selectedId && canSetPrimary(session, selectedId);

  useEffect(() => {
    if (dialog.kind !== 'none') return;
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      const action = accessKeys[event.key.toLowerCase()];
      if (!action) return;
      event.preventDefault();
      const s = store.getState();
      if (action === 'new') s.newRequested();
      else if (action === 'edit') s.editRequested();
      else if (action === 'remove') s.removeRequested();
      else s.setPrimaryRequested();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [dialog.kind, store]);

  if (loadStatus === 'failed' && loadError) {
    return (
      <MessageBar intent="error">
        <MessageBarBody>
          {loadError.message} {loadError.hint}
        </MessageBarBody>
      </MessageBar>
    );
  }
  if (!session) return <Spinner label="Reading the user's addresses…" />;

  const existing = currentValues(session);
  const originalDialog = originalDialogOf(applyError);

  return (
    <div className={styles.root}>
      <Text id="addresses-label">E-mail addresses:</Text>
      <AddressList rows={rows} selectedId={selectedId} focusTick={focusListTick} onSelect={actions.rowSelected} onEdit={actions.editRequested} onRemove={actions.removeRequested} />
      <div className={styles.buttons}>
        <Button onClick={actions.newRequested} aria-keyshortcuts="Alt+N">
          <AccessKeyLabel text="New..." accessKey="N" />
        </Button>
        <Button onClick={actions.editRequested} disabled={!canEdit} aria-keyshortcuts="Alt+E">
          <AccessKeyLabel text="Edit..." accessKey="E" />
        </Button>
        <Button onClick={actions.removeRequested} disabled={!canRemove} aria-keyshortcuts="Alt+R">
          <AccessKeyLabel text="Remove" accessKey="R" />
        </Button>
        <Button onClick={actions.setPrimaryRequested} disabled={!canPrimary} aria-keyshortcuts="Alt+S">
          <AccessKeyLabel text="Set as Primary" accessKey="S" />
        </Button>
      </div>
      <Checkbox checked={session.policyEnabled} onChange={(_, data) => actions.policyToggled(data.checked === true)} label={POLICY_LABEL} />

      <ApplyProgress steps={applySteps} wireLines={wireLines} running={applyRunning} />
      {conflict && <ConflictBar conflict={conflict} onReload={(reapply) => void actions.reloadRequested(reapply)} />}
      {applyError && !conflict && (
        <MessageBar intent="error" data-testid="apply-error">
          <MessageBarBody>
            <MessageBarTitle>Not saved</MessageBarTitle>
            {applyError.message} {applyError.hint}
            {originalDialog && ' Nothing was written: the directory is as it was.'}
          </MessageBarBody>
          {originalDialog && (
            <MessageBarActions>
              <Button size="small" onClick={actions.originalDialogReopened}>
                Show the original message ({originalDialog.id})
              </Button>
            </MessageBarActions>
          )}
        </MessageBar>
      )}
      {originalDialog && applyError && originalDialogOpen && (
        <OriginalErrorDialog dialog={originalDialog} error={applyError} holders={holdersOf(applyError)} onDismiss={actions.originalDialogDismissed} />
      )}
      {replaySkipped.length > 0 && (
        <MessageBar intent="info" data-testid="replay-skipped">
          <MessageBarBody>
            <MessageBarTitle>Some of your changes no longer apply</MessageBarTitle>
            {replaySkipped.map((s, i) => (
              <div key={i}>{s.issues.map((issue) => issue.message).join(' ')}</div>
            ))}
          </MessageBarBody>
        </MessageBar>
      )}

      {dialog.kind === 'chooseType' && <AddressTypeDialog onChosen={actions.typeChosen} onDismiss={actions.dialogDismissed} />}
      {dialog.kind === 'address' && dialog.mode === 'new' && (
        <AddressDialog
          addressKind={dialog.addressKind}
          mode="new"
          existing={existing}
          onSubmit={(type, address, intl) => actions.addressAdded(type, address, intl)}
          onDismiss={actions.dialogDismissed}
        />
      )}
      {dialog.kind === 'address' && dialog.mode === 'edit' && (
        <AddressDialog
          addressKind={dialog.addressKind}
          mode="edit"
          initialType={dialog.type}
          initialAddress={dialog.address}
          existing={existing}
          replacing={`${dialog.type}:${dialog.address}`}
          onSubmit={(_type, address, intl) => actions.addressEdited(dialog.id, address, intl)}
          onDismiss={actions.dialogDismissed}
        />
      )}
      {dialog.kind === 'choosePrimary' && selected && (
        <ChoosePrimaryDialog
          removing={rows.find((r) => r.id === dialog.removeId) ?? selected}
          candidates={primaryCandidates(session, dialog.removeId)}
          onConfirm={(id) => actions.removalConfirmed(id)}
          onDismiss={actions.dialogDismissed}
        />
      )}
    </div>
  );
}
