import { Button, Dialog, DialogBody, DialogSurface, DialogTitle, Divider, makeStyles, Text, tokens } from '@fluentui/react-components';
import type { AppErrorData } from '../../../shared/errors.ts';
import type { AddressHolder } from '../../../shared/model/directory.ts';
import type { OriginalDialog } from '../../../shared/model/originalErrors.ts';

const useStyles = makeStyles({
  surface: { width: '520px', maxWidth: '95vw', padding: 0, overflow: 'hidden' },
  body: { display: 'flex', flexDirection: 'column', gap: 0, padding: 0 },
  // The caption bar of a Windows message box.
  caption: {
    margin: 0,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
    backgroundColor: tokens.colorNeutralBackground3,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  box: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalL}` },
  message: { display: 'flex', gap: tokens.spacingHorizontalL, alignItems: 'flex-start' },
  icon: {
    flexShrink: 0,
    width: '32px',
    height: '32px',
    borderRadius: tokens.borderRadiusCircular,
    backgroundColor: tokens.colorPaletteRedBackground3,
    color: tokens.colorNeutralForegroundOnBrand,
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    fontWeight: tokens.fontWeightBold,
    fontSize: tokens.fontSizeBase500,
  },
  text: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  ok: { alignSelf: 'center', minWidth: '88px' },
  found: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL} ${tokens.spacingVerticalL}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  hint: { color: tokens.colorNeutralForeground2 },
  holders: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  unchanged: { color: tokens.colorPaletteGreenForeground1, fontWeight: tokens.fontWeightSemibold },
});

/**
 * The message box the original E-mail Addresses tab showed, word for word (caption = component, the
 * text, "Facility:" when it had one, "ID no:"), and beneath it AddressDesk's own explanation.
 */
export function OriginalErrorDialog({
  dialog,
  error,
  holders,
  onDismiss,
}: {
  dialog: OriginalDialog;
  error: AppErrorData;
  holders: readonly AddressHolder[];
  onDismiss: () => void;
}) {
  const styles = useStyles();
  // Holders the message does not name already (the workflow's c10312e7 message names each one).
  const unnamed = holders.filter((h) => !error.message.includes(h.dn));
  return (
    <Dialog open modalType="alert" onOpenChange={(_, data) => !data.open && onDismiss()}>
      <DialogSurface className={styles.surface} data-testid="original-dialog" data-dialog-id={dialog.id}>
        <DialogBody className={styles.body}>
          <DialogTitle as="h2" className={styles.caption}>
            {dialog.component}
          </DialogTitle>
          <div className={styles.box} data-testid="original-message">
            <div className={styles.message}>
              <span className={styles.icon} aria-hidden>
                ✕
              </span>
              <div className={styles.text}>
                {/* One line per line of the original (c10308a2 breaks after its first sentence). */}
                {dialog.text.split('\n').map((line, i) => (
                  <Text key={i} block>
                    {line}
                  </Text>
                ))}
                {dialog.facility && <Text>Facility: {dialog.facility}</Text>}
                <Text>ID no: {dialog.id}</Text>
              </div>
            </div>
            <Button appearance="primary" className={styles.ok} onClick={onDismiss}>
              OK
            </Button>
          </div>
          <Divider />
          <section className={styles.found} aria-label="What AddressDesk found" data-testid="addressdesk-explanation">
            <Text as="h3" weight="semibold" size={400}>
              What AddressDesk found
            </Text>
            <Text>{error.message}</Text>
            {unnamed.length > 0 && (
              <ul className={styles.holders} aria-label="Already held by">
                {unnamed.map((h) => (
                  <li key={`${h.dn}|${h.address}`}>
                    <Text>
                      {h.address}: {h.displayName || h.dn} ({h.dn})
                    </Text>
                  </li>
                ))}
              </ul>
            )}
            {error.hint && <Text className={styles.hint}>What to do: {error.hint}</Text>}
            <Text className={styles.unchanged}>Nothing was written: the directory is as it was.</Text>
          </section>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
