// The dialogs the original E-mail Addresses tab showed, word for word, so the UI can show the
// original next to AddressDesk's own explanation. Sources: the seed document (c10308a2, c00706d9)
// and /work/shared/docs/original-flow.md §2 (c10312e7).

export const ORIGINAL_COMPONENT = 'Microsoft Active Directory - Exchange Extension';

export interface OriginalDialog {
  /** The "ID no:" line, lower-case hex without 0x, e.g. "c10308a2". */
  id: string;
  /** The dialog's text; a line break where the original broke the line. */
  text: string;
  /** The "Facility:" line, when the dialog had one. */
  facility?: string;
  component: typeof ORIGINAL_COMPONENT;
}

/**
 * Seed step 3: no server answered the ping or had MSExchangeSA running (also shown for an SCM
 * access refusal, KB 905809). The seed prints "ID no: x10308a2"; the KB title gives c10308a2.
 */
export const NO_EXCHANGE_SERVER: OriginalDialog = {
  id: 'c10308a2',
  text: 'An Exchange server could not be found in the domain.\nCheck if the Microsoft System Attendant service is running on the Exchange Server.',
  component: ORIGINAL_COMPONENT,
};

/** Seed step 6: the System Attendant's port could not be used; no other server was tried. Win32 1753. */
export const NO_MORE_ENDPOINTS: OriginalDialog = {
  id: 'c00706d9',
  text: 'There are no more endpoints available from the endpoint mapper.',
  facility: 'Win32',
  component: ORIGINAL_COMPONENT,
};

/** The Global Catalog found the address on another object. */
export const ADDRESS_EXISTS: OriginalDialog = {
  id: 'c10312e7',
  text: 'This e-mail address already exists in this organization.',
  component: ORIGINAL_COMPONENT,
};

export const originalDialogs = {
  c10308a2: NO_EXCHANGE_SERVER,
  c00706d9: NO_MORE_ENDPOINTS,
  c10312e7: ADDRESS_EXISTS,
} as const satisfies Record<string, OriginalDialog>;
export type OriginalDialogId = keyof typeof originalDialogs;

/** The dialog as the original laid it out (text, optional Facility line, ID line, component). */
export function formatOriginalDialog(dialog: OriginalDialog): string {
  return [dialog.text, ...(dialog.facility ? [`Facility: ${dialog.facility}`] : []), `ID no: ${dialog.id}`, dialog.component].join('\n');
}
