import { html, css } from 'lit';
import { RcElement } from '../core/rc-element.js';
import { send } from '../core/api.js';
import { session } from '../core/session.js';
import '../password/rc-password-fields.js';

/** Changing one's own password: the current one, then the new one twice with the strength meter. Reports changed. */
export class RcPasswordChange extends RcElement {
  static properties = { errors: { state: true }, problem: { state: true }, busy: { state: true }, done: { state: true } };

  static styles = [RcElement.styles, css`
    form { max-width: 30rem; }
    input:not([type='checkbox']) { width: 100%; }
    .hint { margin: 0.25rem 0 0; font-size: 0.9rem; }
  `];

  constructor() {
    super();
    this.errors = {};
    this.next = { password: '', confirmation: '' };
  }

  render() {
    const me = session.me;
    const error = this.errors.current;
    return html`<form @submit=${this.#submit} novalidate aria-label="Change password">
      ${this.problem ? this.problemBanner(this.problem) : this.okBanner(this.done)}
      ${Object.keys(this.errors).length ? html`<div class="banner error" role="alert"><p>Please correct the marked fields.</p></div>` : ''}
      <input type="email" name="username" autocomplete="username" .value=${me.login} readonly hidden>
      <div class="field">
        <label for="current">Current password</label>
        <input id="current" type="password" autocomplete="current-password" aria-invalid=${error ? 'true' : 'false'}
          aria-describedby="current-error">
        ${this.fieldError('current', error)}
      </div>
      <rc-password-fields label="New password" .errors=${this.errors} .userInputs=${[me.firstName, me.lastName, me.login]}
        @password-input=${(e) => { this.next = e.detail; }}></rc-password-fields>
      <div class="field">
        <label class="switch"><input id="revoke-api-tokens" type="checkbox" aria-describedby="revoke-hint">
          Also revoke my API tokens</label>
        <p class="hint" id="revoke-hint">Changing the password logs out your other sessions. Your API tokens keep
          working unless you tick this; scripts using them then stop for good.</p>
      </div>
      <button class="primary" type="submit" ?disabled=${this.busy}>${this.busy ? 'Changing…' : 'Change password'}</button>
    </form>`;
  }

  async #submit(event) {
    event.preventDefault();
    const current = this.renderRoot.querySelector('#current');
    const errors = {};
    if (!current.value) errors.current = 'Enter your current password.';
    if (!this.next.password) errors.password = 'Enter a new password.';
    else if (this.next.password !== this.next.confirmation) errors.confirmation = 'The two passwords differ.';
    this.errors = errors;
    this.problem = null;
    this.done = null;
    if (Object.keys(errors).length) return this.#focus();
    this.busy = true;
    const revokeApiTokens = this.renderRoot.querySelector('#revoke-api-tokens').checked;
    try {
      await send('POST', '/api/me/password',
        { currentPassword: current.value, newPassword: this.next.password, revokeApiTokens });
      current.value = '';
      this.renderRoot.querySelector('rc-password-fields').clear();
      this.next = { password: '', confirmation: '' };
      this.done = revokeApiTokens
        ? 'Your password was changed. Your other sessions were logged out and your API tokens revoked.'
        : 'Your password was changed. Your other sessions were logged out; your API tokens still work.';
      this.emit('password-changed');
    } catch (error) {
      const fields = error.fieldErrors ? error.fieldErrors() : {};
      this.errors = {
        ...(fields.currentPassword ? { current: fields.currentPassword.detail } : {}),
        ...(fields.newPassword || fields.password ? { password: fields.newPassword || fields.password } : {}),
      };
      if (!Object.keys(this.errors).length) this.problem = error;
      this.#focus();
    } finally {
      this.busy = false;
    }
  }

  async #focus() {
    await this.updateComplete;
    if (this.errors.current) this.renderRoot.querySelector('#current').focus();
    else if (this.errors.password || this.errors.confirmation) this.renderRoot.querySelector('rc-password-fields').focus();
  }
}

customElements.define('rc-password-change', RcPasswordChange);
