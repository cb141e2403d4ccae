interface Props {
  /** `local@domain` (a mail address) or `user@host[:port]` (an SSH address). */
  readonly address: string;
  readonly className?: string;
}

/**
 * An address that may wrap only right after its last '@', never inside a name: each half stays on one line and,
 * where a column is too narrow even for that, ends in an ellipsis with the whole address in the tooltip.
 */
export function AddressText({ address, className }: Props) {
  const at = address.lastIndexOf('@');
  return (
    <span className={className ? `address ${className}` : 'address'} title={address} data-address="">
      {at <= 0 ? (
        <span className="address-part">{address}</span>
      ) : (
        <>
          <span className="address-part">{address.slice(0, at + 1)}</span>
          <wbr />
          <span className="address-part">{address.slice(at + 1)}</span>
        </>
      )}
    </span>
  );
}
