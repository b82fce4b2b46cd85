import { html, css } from 'lit';
import { RcElement } from '../core/rc-element.js';
import { getJson, send } from '../core/api.js';
import { session } from '../core/session.js';
import './rc-password-change.js';

/** My profile: my names (changeable with PROFILE_EDIT), my login, and my own password. */
export class RcProfilePage extends RcElement {
  static properties = { profile: { state: true }, errors: { state: true }, problem: { state: true },
    busy: { state: true }, done: { state: true } };

  static styles = [RcElement.styles, css`
    form { max-width: 30rem; }
    input { width: 100%; }
  `];

  constructor() {
    super();
    this.errors = {};
  }

  connectedCallback() {
    super.connectedCallback();
    getJson('/api/me/profile').then((profile) => { this.profile = profile; }).catch((error) => { this.problem = error; });
  }

  render() {
    return html`<h1 tabindex="-1">My profile</h1>
      <h2>Name</h2>${this.#names()}
      <h2>Password</h2><rc-password-change></rc-password-change>`;
  }

  #names() {
    if (!this.profile) return this.problem ? this.problemBanner(this.problem) : this.waiting('your profile');
    const editable = session.can('updateMyProfile');
    return html`<form @submit=${this.#save} novalidate aria-label="My name">
      ${this.problem ? this.problemBanner(this.problem) : this.okBanner(this.done)}
      <p>Login: <strong>${this.profile.login}</strong> <span class="muted">(only an administrator can change it)</span></p>
      ${this.#field('firstName', 'First name', 'given-name', editable)}
      ${this.#field('lastName', 'Last name', 'family-name', editable)}
      ${editable ? html`<button class="primary" type="submit" ?disabled=${this.busy}>Save name</button>` : ''}
    </form>`;
  }

  #field(name, label, autocomplete, editable) {
    const error = this.errors[name];
    return html`<div class="field"><label for=${name}>${label}</label>
      <input id=${name} name=${name} .value=${this.profile[name]} autocomplete=${autocomplete} ?readonly=${!editable}
        aria-invalid=${error ? 'true' : 'false'} aria-describedby=${`${name}-error`}>
      ${this.fieldError(name, error, name)}</div>`;
  }

  async #save(event) {
    event.preventDefault();
    const form = event.target;
    const names = { firstName: form.firstName.value.trim(), lastName: form.lastName.value.trim() };
    this.errors = Object.fromEntries(Object.entries(names).filter(([, value]) => !value).map(([name]) => [name, 'Required.']));
    this.problem = null;
    this.done = null;
    if (Object.keys(this.errors).length) return;
    this.busy = true;
    try {
      this.profile = await send('PATCH', '/api/me/profile', names);
      this.done = 'Your name was saved.';
      session.load();
    } catch (error) {
      this.errors = Object.fromEntries(Object.entries(error.fieldErrors?.() || {}).map(([name, detail]) => [name, detail]));
      if (!Object.keys(this.errors).length) this.problem = error;
    } finally {
      this.busy = false;
    }
  }
}

customElements.define('rc-profile-page', RcProfilePage);
