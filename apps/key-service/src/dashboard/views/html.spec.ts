import { escapeHtml, html } from './html';

describe('html templates', () => {
  it('escapes interpolated text in content and attributes', () => {
    const name = `"><script>alert('x')</script>`;
    expect(html`<input value="${name}"><p>${name}</p>`.value).toBe(
      '<input value="&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"><p>&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</p>',
    );
  });

  it('nests fragments without escaping them twice, and renders lists and empty values', () => {
    const items = ['a&b', 'c'].map((item) => html`<li>${item}</li>`);
    expect(html`<ul>${items}</ul>${null}${undefined}${false}${0}`.value).toBe('<ul><li>a&amp;b</li><li>c</li></ul>0');
  });

  it('escapes every character that can end an attribute or start a tag', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });
});
