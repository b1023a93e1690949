import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from '@fluentui/react-components';

/** Cancel with pending edits asks first, so a stray Esc does not throw work away. */
export function ConfirmDiscardDialog(props: { pending: number; onDiscard: () => void; onKeep: () => void }) {
  return (
    <Dialog open modalType="alert" onOpenChange={(_, data) => !data.open && props.onKeep()}>
      <DialogSurface aria-label="Discard changes?">
        <DialogBody>
          <DialogTitle>Discard changes?</DialogTitle>
          <DialogContent>
            {props.pending === 1 ? 'One change has' : `${props.pending} changes have`} not been applied. Close the window and discard{' '}
            {props.pending === 1 ? 'it' : 'them'}?
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={props.onKeep}>
              Keep editing
            </Button>
            <Button onClick={props.onDiscard}>Discard changes</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
