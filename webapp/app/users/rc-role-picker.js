import { html, css } from 'lit';
import { RcElement } from '../core/rc-element.js';
import { loadRoles } from './roles-data.js';

/** Choosing a user's roles: one checkbox per role, each with its description. Reports roles-change. */
export class RcRolePicker extends RcElement {
  static properties = { value: { type: Array }, error: {}, disabled: { type: Boolean }, roles: { state: true }, failure: { state: true } };

  static styles = [RcElement.styles, css`
    .roles { display: grid; grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr)); gap: 0.35rem 1rem; }
    label { display: grid; grid-template-columns: auto 1fr; gap: 0.15rem 0.6rem; align-items: start; padding: 0.4rem 0.5rem;
      border-radius: 6px; border: 1px solid transparent; cursor: pointer; align-content: start; }
    label:hover { border-color: var(--rc-border); }
    label.on { background: var(--rc-accent-soft); }
    input { margin-top: 0.2rem; }
    .hint { grid-column: 2; }
  `];

  constructor() {
    super();
    this.value = [];
    this.roles = [];
  }

  connectedCallback() {
    super.connectedCallback();
    loadRoles().then((roles) => { this.roles = roles; }).catch((error) => { this.failure = error; });
  }

  render() {
    return html`<fieldset aria-describedby="roles-error" aria-invalid=${this.error ? 'true' : 'false'}>
      <legend>Roles</legend>
      ${this.failure ? this.problemBanner(this.failure) : ''}
      ${this.roles.length ? '' : this.waiting('roles')}
      <div class="roles">${this.roles.map((role) => this.#role(role))}</div>
      ${this.fieldError('roles', this.error, 'roles')}
    </fieldset>`;
  }

  #role(role) {
    const on = this.value.includes(role.name);
    return html`<label class=${on ? 'on' : ''}>
      <input type="checkbox" name="roles" value=${role.name} .checked=${on} ?disabled=${this.disabled}
        aria-describedby=${`desc-${role.name}`} @change=${this.#toggled}>
      <span>${role.name}</span>
      <span class="hint" id=${`desc-${role.name}`}>${role.description}</span>
    </label>`;
  }

  focus() {
    this.renderRoot.querySelector('input')?.focus();
  }

  #toggled() {
    const chosen = [...this.renderRoot.querySelectorAll('input[name=roles]:checked')].map((box) => box.value);
    this.emit('roles-change', chosen);
  }
}

customElements.define('rc-role-picker', RcRolePicker);
