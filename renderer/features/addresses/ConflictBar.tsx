import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { ConflictState } from './addressEditorStore.ts';

function list(values: readonly string[]): string {
  return values.join(', ');
}

/** "Changed by someone else": what the other person changed, and how to go on without losing work. */
export function ConflictBar({ conflict, onReload }: { conflict: ConflictState; onReload: (reapply: boolean) => void }) {
  const { summary } = conflict;
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="conflict" aria-live="assertive">
      <MessageBarBody>
        <MessageBarTitle>Changed by someone else</MessageBarTitle>
        {conflict.message} Your changes are still here and were not saved.
        <ul>
          {summary.addedByOther.length > 0 && <li>Added by someone else: {list(summary.addedByOther)}</li>}
          {summary.removedByOther.length > 0 && <li>Removed by someone else: {list(summary.removedByOther)}</li>}
          {summary.mail && (
            <li>
              E-mail (mail) changed from {summary.mail.before ?? '(none)'} to {summary.mail.after ?? '(none)'}
            </li>
          )}
          {summary.policyEnabled && (
            <li>Automatic updates by recipient policy were turned {summary.policyEnabled.after ? 'on' : 'off'}</li>
          )}
        </ul>
      </MessageBarBody>
      <MessageBarActions>
        <Button onClick={() => onReload(true)}>Reload and re-apply my changes</Button>
        <Button onClick={() => onReload(false)}>Reload and discard my changes</Button>
      </MessageBarActions>
    </MessageBar>
  );
}
