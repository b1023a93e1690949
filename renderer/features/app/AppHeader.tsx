import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  makeStyles,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useAppStore } from './appStore.ts';
import { useSearchStore } from '../search/searchStore.ts';
import { ConnectDialog } from '../connection/ConnectDialog.tsx';
import { useConnectionStore } from '../connection/connectionStore.ts';
import { SettingsButton } from '../flow/SettingsDialog.tsx';

const useStyles = makeStyles({
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
  },
  title: { flexGrow: 1, color: tokens.colorNeutralForegroundOnBrand },
});

export function AppHeader() {
  const styles = useStyles();
  const isTraining = useAppStore((s) => s.info?.directoryKind === 'training');
  const trainingResetRequested = useAppStore((s) => s.trainingResetRequested);
  const searchRequested = useSearchStore((s) => s.searchRequested);
  const connectDialogOpened = useConnectionStore((s) => s.dialogOpened);

  return (
    <header className={styles.header}>
      <Text as="h1" size={500} weight="semibold" className={styles.title}>
        AddressDesk
      </Text>
      <SettingsButton />
      <Button appearance="secondary" onClick={() => void connectDialogOpened()}>
        Connect…
      </Button>
      <ConnectDialog />
      {isTraining && (
        <Dialog>
          <DialogTrigger disableButtonEnhancement>
            <Button appearance="secondary">Reset training directory</Button>
          </DialogTrigger>
          <DialogSurface>
            <DialogBody>
              <DialogTitle>Reset the Training directory?</DialogTitle>
              <DialogContent>Every change made in the Training directory is discarded and the original sample organisation comes back.</DialogContent>
              <DialogActions>
                <DialogTrigger disableButtonEnhancement>
                  <Button
                    appearance="primary"
                    onClick={async () => {
                      await trainingResetRequested();
                      await searchRequested();
                    }}
                  >
                    Reset
                  </Button>
                </DialogTrigger>
                <DialogTrigger disableButtonEnhancement>
                  <Button>Cancel</Button>
                </DialogTrigger>
              </DialogActions>
            </DialogBody>
          </DialogSurface>
        </Dialog>
      )}
    </header>
  );
}
