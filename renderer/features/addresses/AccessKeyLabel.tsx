// A button caption with its access key underlined, as Windows dialogs show them ("&New..." in Win32).
export function AccessKeyLabel({ text, accessKey }: { text: string; accessKey: string }) {
  const at = text.toLowerCase().indexOf(accessKey.toLowerCase());
  if (at < 0) return <span>{text}</span>;
  // One inline wrapper: the button lays out its children as flex items, and separate items would
  // make the accessible name "N ew..." instead of "New...".
  return (
    <span>
      {text.slice(0, at)}
      <u>{text.slice(at, at + 1)}</u>
      {text.slice(at + 1)}
    </span>
  );
}
