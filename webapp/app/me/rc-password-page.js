import { html } from 'lit';
import { RcElement } from '../core/rc-element.js';
import { session } from '../core/session.js';
import { navigate } from '../core/router.js';
import './rc-password-change.js';

/** The password change on its own: where a user with a temporary password is taken first. */
export class RcPasswordPage extends RcElement {
  render() {
    const forced = session.mustChangePassword;
    return html`<h1 tabindex="-1">${forced ? 'Choose your own password' : 'Change password'}</h1>
      ${forced ? html`<div class="banner warn" role="status"><p>Your password is temporary. Choose your own password
        before you continue.</p></div>` : ''}
      <rc-password-change @password-changed=${this.#changed}></rc-password-change>`;
  }

  async #changed() {
    if (!session.mustChangePassword) return;
    session.flash('Your password was changed.');
    await session.load();
    navigate('/', { replace: true });
  }
}

customElements.define('rc-password-page', RcPasswordPage);
