import { auditUrlFrom } from './remote-session';

describe('the audit app address', () => {
  it('is the key service with port 3002 under the npm start layout', () => {
    expect(auditUrlFrom('http://127.0.0.1:3000')).toBe('http://127.0.0.1:3002');
    expect(auditUrlFrom('http://localhost:3000/')).toBe('http://localhost:3002');
  });

  it('is the key service address itself behind a gateway', () => {
    expect(auditUrlFrom('https://keys.example.com')).toBe('https://keys.example.com');
    expect(auditUrlFrom('http://10.0.0.5:8080/pxxl')).toBe('http://10.0.0.5:8080/pxxl');
  });
});
