import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, Radio, RadioGroup } from '@fluentui/react-components';
import { useState } from 'react';
import { addressKinds, type AddressKind } from './addressEditorStore.ts';

export const addressKindNames: Record<AddressKind, string> = {
  SMTP: 'SMTP Address',
  X400: 'X.400 Address',
  X500: 'X.500 Address',
  CUSTOM: 'Custom Address',
};

/** KB 263845: "Click New, select the address type that you want, and then click OK." */
export function AddressTypeDialog({ onChosen, onDismiss }: { onChosen: (kind: AddressKind) => void; onDismiss: () => void }) {
  const [kind, setKind] = useState<AddressKind>('SMTP');
  return (
    <Dialog open modalType="modal" onOpenChange={(_, data) => !data.open && onDismiss()}>
      <DialogSurface aria-label="New E-mail Address">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            onChosen(kind);
          }}
        >
          <DialogBody>
            <DialogTitle>New E-mail Address</DialogTitle>
            <DialogContent>
              <Field label="E-mail address type">
                <RadioGroup value={kind} onChange={(_, data) => setKind(data.value as AddressKind)} aria-label="E-mail address type">
                  {addressKinds.map((k) => (
                    <Radio key={k} value={k} label={addressKindNames[k]} />
                  ))}
                </RadioGroup>
              </Field>
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" type="submit">
                OK
              </Button>
              <Button onClick={onDismiss}>Cancel</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
