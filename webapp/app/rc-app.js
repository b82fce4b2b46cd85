import { LitElement, html, css } from 'lit';

/** The application shell: header and the page the path names. */
export class RcApp extends LitElement {
  static styles = css`
    header { padding: 0.75rem 1rem; border-bottom: 1px solid color-mix(in srgb, currentColor 20%, transparent); }
    h1 { margin: 0; font-size: 1.25rem; }
    main { padding: 1rem; }
  `;

  render() {
    return html`
      <header><h1>Rolecall</h1></header>
      <main><p>Account access control. The API is described at <a href="/docs">/docs</a>.</p></main>
    `;
  }
}

customElements.define('rc-app', RcApp);
