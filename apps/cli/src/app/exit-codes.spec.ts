import { describeFailure, EXIT } from './exit-codes';

const fetchFailed = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: { code } });

describe('what the CLI says when the manager cannot be used', () => {
  it('names an untrusted TLS certificate and the CA setting, not "is it running?"', () => {
    const said = describeFailure(fetchFailed('SELF_SIGNED_CERT_IN_CHAIN'), 'https://vm1.example.org:8443');
    expect(said.code).toBe(EXIT.unavailable);
    expect(said.message).toContain('TLS certificate is not trusted');
    expect(said.message).toContain('NODE_EXTRA_CA_CERTS');
    expect(said.message).not.toContain('is it running');
  });

  it('says a refused connection may be a manager that is not running', () => {
    expect(describeFailure(fetchFailed('ECONNREFUSED'), 'http://127.0.0.1:9').message).toContain(
      'is it running? (npm start)',
    );
  });
});
