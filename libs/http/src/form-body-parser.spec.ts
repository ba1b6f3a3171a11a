import { parseForm } from './form-body-parser';

describe('parseForm', () => {
  it('keeps single fields as strings and repeated fields (checkboxes) as arrays', () => {
    const form = parseForm('name=CDN+uploader&scopes=cdn%3Aread&scopes=cdn%3Aupload&_csrf=abc');
    expect({ ...form }).toEqual({ name: 'CDN uploader', scopes: ['cdn:read', 'cdn:upload'], _csrf: 'abc' });
  });

  it('gives __proto__ no special meaning', () => {
    const form = parseForm('__proto__=x&constructor=y');
    expect(Object.getPrototypeOf(form)).toBeNull();
    expect(form.__proto__).toBe('x');
  });
});
