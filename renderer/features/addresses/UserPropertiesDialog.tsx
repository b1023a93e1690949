import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  Tab,
  TabList,
  tokens,
} from '@fluentui/react-components';
import { isDirty, pendingCount } from '../../../shared/addresses/editSession.ts';
import { useSearchStore } from '../search/searchStore.ts';
import { useAddressEditorStore } from './addressEditorStore.ts';
import { AddressesTab } from './AddressesTab.tsx';
import { ConfirmDiscardDialog } from './ConfirmDiscardDialog.tsx';

const useStyles = makeStyles({
  surface: { width: '680px', maxWidth: '95vw' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minHeight: '420px' },
});

/** The user's properties window, as ADUC opens it; AddressDesk has the "E-mail Addresses" tab. */
export function UserPropertiesDialog({ dn }: { dn: string }) {
  const styles = useStyles();
  const propertiesClosed = useSearchStore((s) => s.propertiesClosed);
  const name = useSearchStore((s) => s.users.find((u) => u.dn === dn)?.displayName ?? dn);
  const session = useAddressEditorStore((s) => s.session);
  const running = useAddressEditorStore((s) => s.applyStatus === 'running');
  const confirming = useAddressEditorStore((s) => s.dialog.kind === 'confirmDiscard');
  const { applyRequested, cancelRequested, dialogDismissed } = useAddressEditorStore.getState();
  const dirty = session !== null && isDirty(session);

  const cancel = () => {
    if (cancelRequested()) propertiesClosed();
  };
  // OK writes and closes; when the write fails (a conflict, a rule) the window stays to show why.
  const ok = async () => {
    if (await applyRequested()) propertiesClosed();
  };

  return (
    <Dialog open modalType="modal" onOpenChange={(_, data) => !data.open && cancel()}>
      <DialogSurface className={styles.surface} aria-label={`${name} Properties`}>
        <DialogBody>
          <DialogTitle>{name} Properties</DialogTitle>
          <DialogContent className={styles.content}>
            <TabList selectedValue="addresses" aria-label="Property pages">
              <Tab value="addresses">E-mail Addresses</Tab>
            </TabList>
            <AddressesTab dn={dn} />
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={() => void ok()} disabled={running}>
              OK
            </Button>
            <Button onClick={cancel}>Cancel</Button>
            <Button onClick={() => void applyRequested()} disabled={!dirty || running}>
              Apply
            </Button>
          </DialogActions>
        </DialogBody>
        {confirming && session && <ConfirmDiscardDialog pending={pendingCount(session)} onDiscard={propertiesClosed} onKeep={dialogDismissed} />}
      </DialogSurface>
    </Dialog>
  );
}
