// The E-mail Addresses tab's state: the pending-edit session (shared/addresses/editSession.ts), the
// selection, which dialog is open, and the Apply progress. Components select from here and call the
// actions, which are named as the events they react to.
import { create } from 'zustand';
import { describeConflict, type ConflictSummary } from '../../../shared/addresses/conflict.ts';
import {
  add,
  canSetPrimary,
  edit,
  isDirty,
  removalNeedsNewPrimary,
  remove,
  replay,
  rows,
  setPolicyEnabled,
  setPrimary,
  startSession,
  toAddressChange,
  type EditOp,
  type EditSession,
  type SessionResult,
} from '../../../shared/addresses/editSession.ts';
import type { ValidationIssue } from '../../../shared/addresses/validationIssue.ts';
import type { AppErrorData } from '../../../shared/errors.ts';
import type { JobEvent } from '../../../shared/ipc/contract.ts';
import type { UserDetails } from '../../../shared/model/directory.ts';
import type { WireLine } from '../../../shared/transcript.ts';
import { api, errorData } from '../../api.ts';
import { originalDialogOf } from '../flow/originalDialog.ts';
import { initialApplySteps, settleSteps, stepChanged, type ApplyStep } from './applySteps.ts';

/** The types the "E-mail address type" chooser offers, in the original's order. */
export const addressKinds = ['SMTP', 'X400', 'X500', 'CUSTOM'] as const;
export type AddressKind = (typeof addressKinds)[number];

export type EditorDialog =
  | { kind: 'none' }
  | { kind: 'chooseType' }
  | { kind: 'address'; mode: 'new'; addressKind: AddressKind }
  | { kind: 'address'; mode: 'edit'; addressKind: AddressKind; id: string; type: string; address: string }
  | { kind: 'choosePrimary'; removeId: string }
  | { kind: 'confirmDiscard' };

export interface ConflictState {
  message: string;
  summary: ConflictSummary;
  current: UserDetails;
}

export type ApplyStatus = 'idle' | 'running' | 'done' | 'failed';

interface EditorState {
  dn: string | null;
  loadStatus: 'loading' | 'ready' | 'failed';
  loadError: AppErrorData | null;
  session: EditSession | null;
  selectedId: string | null;
  dialog: EditorDialog;
  /** Bumped whenever focus should go back to the list (after a dialog closes). */
  focusListTick: number;
  applyStatus: ApplyStatus;
  applySteps: ApplyStep[];
  applyError: AppErrorData | null;
  /** The job's wire lines (the trainer's "on the wire" view). */
  wireLines: WireLine[];
  /** The original's message box for the last failure is showing (its error has an originalDialog). */
  originalDialogOpen: boolean;
  conflict: ConflictState | null;
  /** Operations that could not be re-applied after "Reload and re-apply my changes". */
  replaySkipped: Array<{ op: EditOp; issues: ValidationIssue[] }>;
  jobId: string | null;

  editorOpened(dn: string): Promise<void>;
  editorClosed(): void;
  rowSelected(id: string | null): void;
  newRequested(): void;
  typeChosen(kind: AddressKind): void;
  editRequested(): void;
  dialogDismissed(): void;
  addressAdded(type: string, address: string, allowInternational: boolean): ValidationIssue[];
  addressEdited(id: string, address: string, allowInternational: boolean): ValidationIssue[];
  removeRequested(): void;
  removalConfirmed(newPrimaryId?: string): void;
  setPrimaryRequested(): void;
  policyToggled(enabled: boolean): void;
  originalDialogDismissed(): void;
  originalDialogReopened(): void;
  /** Writes the pending change; resolves true when everything pending is stored. */
  applyRequested(): Promise<boolean>;
  reloadRequested(reapply: boolean): Promise<void>;
  /** Cancel pressed: true when the window may close now, false when a confirmation is showing. */
  cancelRequested(): boolean;
}

let jobCounter = 0;
let unsubscribe: (() => void) | null = null;

/** Subscribes to job events once per page, feeding the store the steps of its own job. */
function listenToJobs(): void {
  unsubscribe ??= api.onJobEvent((event: JobEvent) => {
    const { jobId } = useAddressEditorStore.getState();
    if (event.jobId !== jobId) return;
    if (event.type === 'wire') {
      const line = event.line;
      useAddressEditorStore.setState((s) => ({ wireLines: [...s.wireLines, line] }));
      return;
    }
    useAddressEditorStore.setState((s) => ({ applySteps: stepChanged(s.applySteps, event) }));
  });
}

function kindOfType(type: string): AddressKind {
  return type === 'SMTP' || type === 'X400' || type === 'X500' ? type : 'CUSTOM';
}

const initial = {
  dn: null,
  loadStatus: 'loading' as const,
  loadError: null,
  session: null,
  selectedId: null,
  dialog: { kind: 'none' } as EditorDialog,
  focusListTick: 0,
  applyStatus: 'idle' as ApplyStatus,
  applySteps: [] as ApplyStep[],
  applyError: null,
  wireLines: [] as WireLine[],
  originalDialogOpen: false,
  conflict: null,
  replaySkipped: [],
  jobId: null,
};

/** The directory's current data of a write conflict; the workflow nests the write's details under `cause`. */
function conflictCurrent(error: AppErrorData): UserDetails | undefined {
  const details = error.details as { current?: UserDetails; cause?: { current?: UserDetails } } | undefined;
  return details?.current ?? details?.cause?.current;
}

export const useAddressEditorStore = create<EditorState>()((set, get) => {
  /** Applies a session operation; on success selects `select` (or keeps the selection). */
  function commit(result: SessionResult, select?: string | null): ValidationIssue[] {
    if (!result.ok) return result.issues;
    const patch: Partial<EditorState> = { session: result.session, dialog: { kind: 'none' }, focusListTick: get().focusListTick + 1 };
    if (select !== undefined) patch.selectedId = select;
    // A new edit makes an earlier Apply outcome stale.
    if (get().applyStatus !== 'running') Object.assign(patch, { applyStatus: 'idle', applyError: null, originalDialogOpen: false });
    set(patch);
    return [];
  }

  function closeDialog(): void {
    set((s) => ({ dialog: { kind: 'none' }, focusListTick: s.focusListTick + 1 }));
  }

  return {
    ...initial,

    async editorOpened(dn) {
      set({ ...initial, dn });
      try {
        const user = await api.getUser(dn);
        if (get().dn !== dn) return;
        const session = startSession(user);
        set({ loadStatus: 'ready', session, selectedId: rows(session)[0]?.id ?? null });
      } catch (error) {
        if (get().dn === dn) set({ loadStatus: 'failed', loadError: errorData(error) });
      }
    },
    editorClosed: () => set({ ...initial }),
    rowSelected: (id) => set({ selectedId: id }),
    newRequested: () => set({ dialog: { kind: 'chooseType' } }),
    typeChosen: (addressKind) => set({ dialog: { kind: 'address', mode: 'new', addressKind } }),
    editRequested() {
      const { session, selectedId } = get();
      const row = session && rows(session).find((r) => r.id === selectedId);
      if (!row || row.state === 'removed' || row.type === '') return;
      const type = row.value.slice(0, row.value.indexOf(':'));
      set({ dialog: { kind: 'address', mode: 'edit', addressKind: kindOfType(row.type), id: row.id, type, address: row.address } });
    },
    dialogDismissed: closeDialog,
    addressAdded(type, address, allowInternational) {
      const { session } = get();
      if (!session) return [];
      const result = add(session, type, address, { allowInternational });
      return commit(result, result.ok ? `n${session.nextAdded}` : undefined);
    },
    addressEdited(id, address, allowInternational) {
      const { session } = get();
      if (!session) return [];
      return commit(edit(session, id, address, { allowInternational }));
    },
    removeRequested() {
      const { session, selectedId } = get();
      const row = session && rows(session).find((r) => r.id === selectedId);
      if (!session || !row || row.state === 'removed') return;
      if (removalNeedsNewPrimary(session, row.id)) {
        set({ dialog: { kind: 'choosePrimary', removeId: row.id } });
        return;
      }
      commit(remove(session, row.id));
    },
    removalConfirmed(newPrimaryId) {
      const { session, dialog } = get();
      if (!session || dialog.kind !== 'choosePrimary') return;
      commit(remove(session, dialog.removeId, newPrimaryId));
    },
    setPrimaryRequested() {
      const { session, selectedId } = get();
      if (!session || !selectedId || !canSetPrimary(session, selectedId)) return;
      commit(setPrimary(session, selectedId));
    },
    policyToggled(enabled) {
      const { session } = get();
      if (session) commit(setPolicyEnabled(session, enabled));
    },
    originalDialogDismissed: () => set((s) => ({ originalDialogOpen: false, focusListTick: s.focusListTick + 1 })),
    originalDialogReopened: () => set((s) => ({ originalDialogOpen: originalDialogOf(s.applyError) !== null })),

    async applyRequested() {
      const { session, dn, applyStatus } = get();
      if (!session || !dn || applyStatus === 'running') return false;
      if (!isDirty(session)) return true;
      listenToJobs();
      const jobId = `addresses-${Date.now().toString(36)}-${++jobCounter}`;
      set({ applyStatus: 'running', applySteps: initialApplySteps(), wireLines: [], applyError: null, originalDialogOpen: false, conflict: null, replaySkipped: [], jobId });
      try {
        const stored = await api.applyChange({ jobId, change: toAddressChange(session) });
        const fresh = startSession(stored);
        const selected = get().selectedId;
        set((s) => ({
          session: fresh,
          applyStatus: 'done',
          applySteps: settleSteps(s.applySteps, 'done'),
          selectedId: rows(fresh).some((r) => r.id === selected) ? selected : (rows(fresh)[0]?.id ?? null),
        }));
        return true;
      } catch (failure) {
        const error = errorData(failure);
        const current = conflictCurrent(error);
        const conflict: ConflictState | null =
          error.kind === 'conflict' && current ? { message: error.message, summary: describeConflict(session.base, current), current } : null;
        set((s) => ({
          applyStatus: 'failed',
          applySteps: settleSteps(s.applySteps, 'failed'),
          applyError: error,
          originalDialogOpen: originalDialogOf(error) !== null,
          conflict,
        }));
        return false;
      }
    },

    async reloadRequested(reapply) {
      const { session, dn } = get();
      if (!session || !dn) return;
      let fresh: UserDetails;
      try {
        // Read again rather than trust the conflict's copy: it may be old by the time the user decides.
        fresh = await api.getUser(dn);
      } catch (error) {
        set({ applyError: errorData(error) });
        return;
      }
      const next = reapply ? replay(fresh, session.ops) : { session: startSession(fresh), skipped: [] };
      const selected = get().selectedId;
      set((s) => ({
        session: next.session,
        replaySkipped: next.skipped,
        conflict: null,
        applyError: null,
        originalDialogOpen: false,
        applyStatus: 'idle',
        applySteps: [],
        wireLines: [],
        selectedId: rows(next.session).some((r) => r.id === selected) ? selected : (rows(next.session)[0]?.id ?? null),
        focusListTick: s.focusListTick + 1,
      }));
    },

    cancelRequested() {
      const { session, dialog } = get();
      if (dialog.kind === 'confirmDiscard') return true;
      if (session && isDirty(session)) {
        set({ dialog: { kind: 'confirmDiscard' } });
        return false;
      }
      return true;
    },
  };
});

