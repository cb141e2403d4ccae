import { ERROR_CODES, fail } from '../../../src-shared/contract/result';
import { describeError, guidanceFor } from '../../../src-renderer/errors/error-guidance';

describe('error guidance', () => {
  it.each(ERROR_CODES)('gives %s a headline and a next step', (code) => {
    const guidance = guidanceFor(code);
    expect(guidance.title).toMatch(/^[A-Z].*\.$/);
    expect(guidance.nextStep).toMatch(/^[A-Z].*\.$/);
  });

  it('never gives two codes the same headline or the same next step', () => {
    const titles = new Set(ERROR_CODES.map((code) => guidanceFor(code).title));
    const steps = new Set(ERROR_CODES.map((code) => guidanceFor(code).nextStep));
    expect(titles.size).toBe(ERROR_CODES.length);
    expect(steps.size).toBe(ERROR_CODES.length);
  });

  it('tells the user to stop on a changed host key rather than to retry', () => {
    const { nextStep } = guidanceFor('host-key-mismatch');
    expect(nextStep).toContain('Do not continue');
    expect(nextStep).not.toMatch(/retry/i);
  });

  it('points a locked keychain at unlocking it', () => {
    expect(guidanceFor('keychain-unavailable').nextStep).toContain('Unlock');
  });

  it('keeps the core’s own message and offers a retry only when the error says retrying can help', () => {
    const unreachable = describeError(fail('host-unreachable', 'connect ECONNREFUSED 192.0.2.1:22').error);
    expect(unreachable).toEqual({
      code: 'host-unreachable',
      message: 'connect ECONNREFUSED 192.0.2.1:22',
      canRetry: true,
      title: 'Boxfleet could not reach the box.',
      nextStep: 'Check the host name, the SSH port and your network connection, then retry.',
    });
    expect(describeError(fail('validation', 'name: Give the box a name.').error).canRetry).toBe(false);
  });
});
