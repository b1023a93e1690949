// Reads the original's message box out of a failed Apply: the workflow puts it in
// `details.originalDialog` (shared/model/workflow.ts WorkflowFailureDetails) next to its own message
// and hint. Error data crosses IPC as plain JSON, so the shape is checked rather than trusted.
import type { AppErrorData } from '../../../shared/errors.ts';
import type { AddressHolder } from '../../../shared/model/directory.ts';
import { ORIGINAL_COMPONENT, type OriginalDialog } from '../../../shared/model/originalErrors.ts';

export function originalDialogOf(error: AppErrorData | null | undefined): OriginalDialog | null {
  const candidate = (error?.details as { originalDialog?: unknown } | undefined)?.originalDialog;
  if (!candidate || typeof candidate !== 'object') return null;
  const { id, text, facility } = candidate as Record<string, unknown>;
  if (typeof id !== 'string' || typeof text !== 'string') return null;
  const dialog: OriginalDialog = { id, text, component: ORIGINAL_COMPONENT };
  if (typeof facility === 'string') dialog.facility = facility;
  return dialog;
}

/** c10312e7: the objects that already hold the address. */
export function holdersOf(error: AppErrorData | null | undefined): AddressHolder[] {
  const holders = (error?.details as { holders?: unknown } | undefined)?.holders;
  return Array.isArray(holders) ? (holders as AddressHolder[]).filter((h) => h && typeof h.dn === 'string') : [];
}
