/**
 * Progress of a long pull on a terminal: one line, rewritten in place, with the changes per
 * owner and the rate. Silent when stderr is not a terminal (logs, CI).
 */
export function progressLine(stream: NodeJS.WriteStream = process.stderr) {
  const started = Date.now();
  const perOwner = new Map<string, number>();
  let total = 0;
  const render = () => {
    const seconds = Math.max((Date.now() - started) / 1000, 0.001);
    const owners = [...perOwner].map(([o, n]) => `${o} ${n.toLocaleString('en')}`).join(' · ');
    return `pulled ${total.toLocaleString('en')} changes${owners ? ` (${owners})` : ''} · ${Math.round(total / seconds).toLocaleString('en')}/s`;
  };
  return {
    page(changes: readonly { owner: string }[]) {
      total += changes.length;
      for (const c of changes) perOwner.set(c.owner, (perOwner.get(c.owner) ?? 0) + 1);
      if (stream.isTTY) stream.write(`\r\x1b[2K${render()}`);
    },
    done(): string {
      if (stream.isTTY) stream.write('\r\x1b[2K');
      return render();
    },
  };
}
