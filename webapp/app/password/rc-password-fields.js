import { html, css } from 'lit';
import { RcElement } from '../core/rc-element.js';
import './rc-strength-meter.js';

/**
 * A new password typed twice, with the live strength meter. Reports both values as password-input;
 * `errors` holds the service's (or the form's) messages for `password` and `confirmation`.
 */
export class RcPasswordFields extends RcElement {
  static properties = {
    label: {}, userInputs: { type: Array }, errors: { type: Object },
    password: { state: true }, confirmation: { state: true }, confirmationLeft: { state: true },
  };

  static styles = [RcElement.styles, css`
    input { width: 100%; }
    rc-strength-meter { margin-top: 0.35rem; }
  `];

  constructor() {
    super();
    this.label = 'Password';
    this.userInputs = [];
    this.errors = {};
    this.password = '';
    this.confirmation = '';
  }

  render() {
    const passwordError = this.errors.password;
    const confirmationError = this.errors.confirmation || this.#liveMismatch();
    return html`
      <div class="field">
        <label for="password">${this.label}</label>
        <input id="password" name="password" type="password" autocomplete="new-password" .value=${this.password}
          aria-invalid=${passwordError ? 'true' : 'false'} aria-describedby="password-error strength"
          @input=${(e) => this.#changed({ password: e.target.value })} @keydown=${this.#enter}>
        ${this.fieldError('password', passwordError, 'password')}
        <rc-strength-meter id="strength" .password=${this.password} .userInputs=${this.userInputs}
          ?quiet=${!!passwordError}></rc-strength-meter>
      </div>
      <div class="field">
        <label for="confirmation">Repeat ${this.label.toLowerCase()}</label>
        <input id="confirmation" name="confirmation" type="password" autocomplete="new-password" .value=${this.confirmation}
          aria-invalid=${confirmationError ? 'true' : 'false'} aria-describedby="confirmation-error"
          @input=${(e) => this.#changed({ confirmation: e.target.value })} @blur=${() => { this.confirmationLeft = true; }}
          @keydown=${this.#enter}>
        ${this.fieldError('confirmation', confirmationError)}
      </div>`;
  }

  /** Empties both fields (after a success). */
  clear() {
    this.password = '';
    this.confirmation = '';
    this.confirmationLeft = false;
  }

  focus() {
    this.renderRoot.querySelector(this.errors.password || !this.errors.confirmation ? '#password' : '#confirmation')?.focus();
  }

  /** Enter submits the form around this element, as in any field of the form itself (a shadow root hides these from it). */
  #enter(event) {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    this.closest('form')?.requestSubmit();
  }

  #liveMismatch() {
    const typedEnough = this.confirmationLeft || this.confirmation.length >= this.password.length;
    return this.confirmation && typedEnough && this.confirmation !== this.password ? 'The two passwords differ.' : '';
  }

  #changed(change) {
    Object.assign(this, change);
    this.emit('password-input', { password: this.password, confirmation: this.confirmation });
  }
}

customElements.define('rc-password-fields', RcPasswordFields);
