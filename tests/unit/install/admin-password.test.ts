import { fail, ok } from '../../../src-shared/contract/result';
import { setChosenPassword, temporaryPassword } from '../../../src-main/install/admin-password';

describe('the temporary password setup is given', () => {
  it('is 24 letters and digits, different every time (Power passes EMAIL_PW unquoted)', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const password = temporaryPassword();
      expect(password).toMatch(/^[A-Za-z0-9]{24}$/);
      seen.add(password);
    }
    expect(seen.size).toBe(200);
  });
});

describe('setting the chosen password once setup has finished', () => {
  it('sends the chosen password for the first admin and says nothing more when the box accepts it', async () => {
    const sent: Array<[string, string]> = [];
    const note = await setChosenPassword(
      async (email, password) => {
        sent.push([email, password]);
        return ok(undefined);
      },
      { email: 'me@example.com', password: 'chosen-secret-1' },
    );
    expect(sent).toEqual([['me@example.com', 'chosen-secret-1']]);
    expect(note).toBeNull();
  });

  it('names the next step, with the box’s refusal, when the box refuses', async () => {
    const note = await setChosenPassword(
      async () => fail('validation', 'Passwords must be at least eight characters.'),
      {
        email: 'me@example.com',
        password: 'short',
      },
    );
    expect(note).toContain('Passwords must be at least eight characters.');
    expect(note).toContain('Mailboxes page');
  });

  it('after a restart (the chosen password was never written down) says the temporary one is still in place', async () => {
    const note = await setChosenPassword(async () => ok(undefined), undefined);
    expect(note).toContain('temporary');
    expect(note).toContain('Mailboxes page');
  });
});
