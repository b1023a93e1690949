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
import { useSearchStore } from '../search/searchStore.ts';
import { AddressesTab } from './AddressesTab.tsx';

const useStyles = makeStyles({
  surface: { width: '640px', maxWidth: '95vw' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minHeight: '420px' },
});

/** The user's properties window, as ADUC opens it; AddressDesk has the "E-mail Addresses" tab. */
export function UserPropertiesDialog({ dn }: { dn: string }) {
  const styles = useStyles();
  const propertiesClosed = useSearchStore((s) => s.propertiesClosed);
  const name = useSearchStore((s) => s.users.find((u) => u.dn === dn)?.displayName ?? dn);

  return (
    <Dialog open modalType="modal" onOpenChange={(_, data) => !data.open && propertiesClosed()}>
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
            <Button appearance="primary" onClick={propertiesClosed}>
              OK
            </Button>
            <Button onClick={propertiesClosed}>Cancel</Button>
            <Button disabled>Apply</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
