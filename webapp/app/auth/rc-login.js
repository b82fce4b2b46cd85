import { html, css } from 'lit';
import { RcElement } from '../core/rc-element.js';
import { session } from '../core/session.js';
import { problemText } from '../core/messages.js';

/** Logging in: sets the HttpOnly session cookie; every refusal says why, and when to retry if throttled. */
export class RcLogin extends RcElement {
  static properties = { ended: { type: Boolean }, error: { state: true }, missing: { state: true }, busy: { state: true } };

  static styles = [RcElement.styles, css`
    :host { max-width: 26rem; margin: 8vh auto 0; }
    form { background: var(--rc-surface); border: 1px solid var(--rc-border); border-radius: 12px; padding: 1.5rem; }
    input { width: 100%; }
    button { width: 100%; margin-top: 0.5rem; }
    .brand { text-align: center; font-size: 1.75rem; font-weight: 800; margin-bottom: 1rem; }
  `];

  constructor() {
    super();
    this.error = null;
    this.missing = {};
    this.busy = false;
  }

  render() {
    return html`
      <p class="brand" aria-hidden="true">Rolecall</p>
      <form @submit=${this.#submit} novalidate aria-labelledby="title">
        <h1 id="title" tabindex="-1">Log in</h1>
        ${this.ended && !this.error ? html`<div class="banner warn" role="status"><p>Your session has ended. Log in again.</p></div>` : ''}
        ${this.error ? html`<div class="banner error" role="alert" data-problem=${this.error.slug}><p>${problemText(this.error)}</p></div>` : ''}
        ${this.#field('login', 'Login (email)', 'email', 'username')}
        ${this.#field('password', 'Password', 'password', 'current-password')}
        <button class="primary" type="submit" ?disabled=${this.busy}>${this.busy ? 'Logging in…' : 'Log in'}</button>
      </form>`;
  }

  firstUpdated() {
    this.renderRoot.querySelector('#login').focus();
  }

  #field(name, label, type, autocomplete) {
    const missing = this.missing[name];
    return html`<div class="field">
      <label for=${name}>${label}</label>
      <input id=${name} name=${name} type=${type} autocomplete=${autocomplete} required
        aria-invalid=${missing ? 'true' : 'false'} aria-describedby=${missing ? `${name}-error` : ''}>
      ${missing ? this.fieldError(name, `Enter your ${name}.`) : ''}
    </div>`;
  }

  async #submit(event) {
    event.preventDefault();
    const form = event.target;
    const login = form.login.value.trim();
    const password = form.password.value;
    this.missing = { login: !login, password: !password };
    if (!login || !password) {
      this.focusFirst(!login ? '#login' : '#password');
      return;
    }
    this.busy = true;
    this.error = null;
    try {
      await session.login(login, password);
    } catch (error) {
      this.error = error;
      form.password.value = '';
      this.focusFirst('#password');
    } finally {
      this.busy = false;
    }
  }
}

customElements.define('rc-login', RcLogin);
