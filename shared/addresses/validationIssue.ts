// One broken rule, worded for the person typing: `field` is the input it belongs to (the dialog
// puts the message under that input), `rule` a stable identifier tests and the UI can key on.

export interface ValidationIssue {
  field: string;
  rule: string;
  message: string;
}

export function issue(field: string, rule: string, message: string): ValidationIssue {
  return { field, rule, message };
}
