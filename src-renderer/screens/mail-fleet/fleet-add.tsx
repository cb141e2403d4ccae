import { useState, type FormEvent } from 'react';
import { checkPassword, checkUserAddress, parseQuota } from '../../../src-shared/domain/mail-rules';
import { PasswordField } from '../../components/password-field';
import { TextField } from '../../components/text-field';
import { checkAliasDraft, EMPTY_ALIAS_DRAFT, splitAddresses, type AliasDraft } from '../../stores/aliases-view';
import { useFleet, useMailFleet } from '../../stores/stores-context';
import { BoxPicker } from './box-picker';
import { BulkOutcomes } from './bulk-outcomes';

type Kind = 'user' | 'alias';
type Errors = Partial<
  Record<'boxes' | 'email' | 'password' | 'quota' | 'address' | 'forwardsTo' | 'permittedSenders', string>
>;

interface UserDraft {
  readonly email: string;
  readonly password: string;
  readonly admin: boolean;
  readonly quota: string;
}

const EMPTY_USER: UserDraft = { email: '', password: '', admin: false, quota: '' };

/** The user's own checks before anything is sent, in the box's words; the boxes still answer for themselves. */
function checkUser(user: UserDraft): Errors {
  // Whether a box already has users decides if admin@ and the like may be accounts: each box answers that itself.
  const email = checkUserAddress(user.email.trim(), false);
  const password = checkPassword(user.password);
  const quota = user.quota.trim() === '' ? null : parseQuota(user.quota);
  return {
    ...(email ? { email } : {}),
    ...(password ? { password } : {}),
    ...(quota && !quota.ok ? { quota: quota.message } : {}),
  };
}

/** Add one mail user or alias to several boxes at once, with a result per box. What was typed stays after a refusal. */
export function FleetAdd() {
  const boxes = useFleet((s) => s.boxes);
  const bulk = useMailFleet((s) => s.bulk);
  const addUser = useMailFleet((s) => s.addUser);
  const addAlias = useMailFleet((s) => s.addAlias);
  const [kind, setKind] = useState<Kind>('user');
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [user, setUser] = useState<UserDraft>(EMPTY_USER);
  const [alias, setAlias] = useState<AliasDraft>(EMPTY_ALIAS_DRAFT);
  const [update, setUpdate] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const busy = bulk.status === 'running';

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const boxIds = boxes.filter((box) => chosen.has(box.id)).map((box) => box.id);
    const found: Errors = boxIds.length === 0 ? { boxes: 'Choose at least one box.' } : {};
    if (kind === 'user') Object.assign(found, checkUser(user));
    else {
      const problem = checkAliasDraft(alias, null);
      if (problem) found[problem.field] = problem.message;
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    if (kind === 'user') {
      const result = await addUser({
        boxIds,
        email: user.email,
        password: user.password,
        admin: user.admin,
        quota: user.quota,
      });
      // The password is not kept once the boxes have it; everything else stays for the next try.
      if (result.ok && result.value.every((outcome) => outcome.ok)) setUser({ ...user, password: '' });
    } else {
      await addAlias({
        boxIds,
        address: alias.address,
        forwardsTo: splitAddresses(alias.forwardsTo),
        permittedSenders: splitAddresses(alias.permittedSenders),
        update,
      });
    }
  };

  if (boxes.length === 0) {
    return (
      <div className="empty-state empty-state-small">
        <h3>No boxes in the fleet yet</h3>
        <p>Add a box on the Fleet screen first.</p>
      </div>
    );
  }

  const clear = (field: keyof Errors) => setErrors({ ...errors, [field]: undefined });
  return (
    <section aria-labelledby="mail-add-title">
      <h2 id="mail-add-title" className="section-title">
        Add to several boxes
      </h2>
      <form noValidate onSubmit={(event) => void onSubmit(event)} className="fleet-add-form">
        <fieldset className="fieldset">
          <legend className="field-label">What to add</legend>
          <div className="choices">
            {(['user', 'alias'] as const).map((value) => (
              <label key={value} className="choice">
                <input type="radio" name="fleet-add-kind" checked={kind === value} onChange={() => setKind(value)} />
                {value === 'user' ? 'A mail user' : 'An alias'}
              </label>
            ))}
          </div>
        </fieldset>
        <BoxPicker
          boxes={boxes}
          chosen={chosen}
          onChange={(next) => {
            setChosen(next);
            clear('boxes');
          }}
          error={errors.boxes}
        />
        {kind === 'user' ? (
          <>
            <TextField
              id="fleet-user-email"
              label="Email address"
              value={user.email}
              onChange={(email) => {
                setUser({ ...user, email });
                clear('email');
              }}
              error={errors.email}
              hint="Lowercase letters, digits, dots, hyphens and underscores; an international domain in its xn-- form."
              required
            />
            <PasswordField
              id="fleet-user-password"
              label="Password"
              value={user.password}
              email={user.email}
              onChange={(password) => {
                setUser({ ...user, password });
                clear('password');
              }}
              error={errors.password}
            />
            <label className="choice field">
              <input
                type="checkbox"
                checked={user.admin}
                onChange={(event) => setUser({ ...user, admin: event.target.checked })}
              />
              Administrator of each box
            </label>
            <TextField
              id="fleet-user-quota"
              label="Quota (optional)"
              value={user.quota}
              onChange={(quota) => {
                setUser({ ...user, quota });
                clear('quota');
              }}
              error={errors.quota}
              hint="Empty for each box's default. 0 is unlimited; 500M or 2G otherwise. Boxes without quota support refuse it."
            />
          </>
        ) : (
          <>
            <TextField
              id="fleet-alias-address"
              label="Alias address"
              value={alias.address}
              onChange={(address) => {
                setAlias({ ...alias, address });
                clear('address');
              }}
              error={errors.address}
              required
            />
            <TextField
              id="fleet-alias-forwards-to"
              label="Forwards to"
              value={alias.forwardsTo}
              onChange={(forwardsTo) => {
                setAlias({ ...alias, forwardsTo });
                clear('forwardsTo');
              }}
              error={errors.forwardsTo}
              multiline
              rows={3}
              hint="One address per line, or separated by commas."
            />
            <TextField
              id="fleet-alias-senders"
              label="Permitted senders"
              value={alias.permittedSenders}
              onChange={(permittedSenders) => {
                setAlias({ ...alias, permittedSenders });
                setErrors({ ...errors, permittedSenders: undefined, forwardsTo: undefined });
              }}
              error={errors.permittedSenders}
              multiline
              rows={2}
              hint="Mail users of each box who may send as the alias."
            />
            <label className="choice field">
              <input type="checkbox" checked={update} onChange={(event) => setUpdate(event.target.checked)} />
              Replace the alias where it already exists
            </label>
          </>
        )}
        <div className="dialog-actions">
          <button type="submit" className="button button-primary" aria-disabled={busy || undefined}>
            {busy ? 'Adding…' : `Add to ${chosen.size} ${chosen.size === 1 ? 'box' : 'boxes'}`}
          </button>
        </div>
      </form>
      <BulkOutcomes bulk={bulk} />
    </section>
  );
}
