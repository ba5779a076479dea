/** Above the view: an address that was not understood says so, and where the user landed, until dismissed. */
import { useAddress } from '../stores/address-store';

export function AddressNotice() {
  const { notice, dismiss } = useAddress();
  if (!notice) return null;
  return (
    <div className="notice address-notice" role="status" data-testid="address-notice">
      {notice}{' '}
      <button className="ghost" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}
