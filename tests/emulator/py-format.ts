/**
 * Python's printf-style number formatting where the daemon's output depends on it (sizes and percentages of
 * GET /mail/users): `%.Nf` rounds exact ties to even, JavaScript's toFixed rounds them up.
 */

/** `'%.{digits}f' % x`. */
export function pyFixed(x: number, digits: number): string {
  const scaled = x * 10 ** digits;
  const floor = Math.floor(scaled);
  if (scaled - floor === 0.5) {
    const even = floor % 2 === 0 ? floor : floor + 1;
    return (even / 10 ** digits).toFixed(digits);
  }
  return x.toFixed(digits);
}

/** `'%{width}.{digits}f' % x`. */
export function pyFormat(x: number, width: number, digits: number): string {
  return pyFixed(x, digits).padStart(width, ' ');
}

/** Python's repr of a float (`str(num)`), for the rare size beyond terabytes. */
function pyFloatRepr(x: number): string {
  return Number.isInteger(x) ? x.toFixed(1) : String(x);
}

/** mailconfig.sizeof_fmt. */
export function sizeofFmt(bytes: number): string {
  let num = bytes;
  for (const unit of ['', 'K', 'M', 'G', 'T']) {
    if (Math.abs(num) < 1024) {
      return Math.abs(num) > 99 ? pyFormat(num, 3, 0) + unit : pyFormat(num, 2, 1) + unit;
    }
    num /= 1024;
  }
  return pyFloatRepr(num);
}

/** `'%3.0f%%' % percent`. */
export function percentFmt(percent: number): string {
  return pyFormat(percent, 3, 0) + '%';
}
