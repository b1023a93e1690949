import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, Radio, RadioGroup } from '@fluentui/react-components';
import { useState } from 'react';
import type { AddressRow } from '../../../shared/addresses/editSession.ts';

/** Removing a primary while others of its type remain: the user picks the new primary first. */
export function ChoosePrimaryDialog(props: { removing: AddressRow; candidates: AddressRow[]; onConfirm: (newPrimaryId: string) => void; onDismiss: () => void }) {
  const [chosen, setChosen] = useState(props.candidates[0]?.id ?? '');
  return (
    <Dialog open modalType="modal" onOpenChange={(_, data) => !data.open && props.onDismiss()}>
      <DialogSurface aria-label="Choose the new primary address">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (chosen) props.onConfirm(chosen);
          }}
        >
          <DialogBody>
            <DialogTitle>Choose the new primary address</DialogTitle>
            <DialogContent>
              <Field label={`${props.removing.address} is the primary ${props.removing.type} address. Which ${props.removing.type} address becomes the primary?`}>
                <RadioGroup value={chosen} onChange={(_, data) => setChosen(data.value)}>
                  {props.candidates.map((c) => (
                    <Radio key={c.id} value={c.id} label={c.address} />
                  ))}
                </RadioGroup>
              </Field>
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" type="submit" disabled={!chosen}>
                Remove and set as primary
              </Button>
              <Button onClick={props.onDismiss}>Cancel</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
