import { html, css } from 'lit';
import { RcElement } from '../core/rc-element.js';
import { getJson, send } from '../core/api.js';
import { session } from '../core/session.js';
import { routeNamed } from '../core/router.js';

/** The screens of a project, in the order a bot is built: each shown only when its route exists and the user may use it. */
const SECTIONS = ['project-channels', 'project-script', 'project-deployments', 'project-secrets'];

/** One project: its name and description (editable by those who may), and links to its screens. */
export class RcProjectPage extends RcElement {
  static properties = { projectId: {}, project: { state: true }, error: { state: true },
    editing: { state: true }, saveError: { state: true }, busy: { state: true } };

  static styles = [RcElement.styles, css`
    nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.5rem; }
    nav a { display: inline-block; padding: 0.5rem 0.8rem; border: 1px solid var(--rc-border); border-radius: 8px; font-weight: 600; }
    form { display: grid; gap: 0.5rem; max-width: 40rem; }
    input, textarea { width: 100%; }
  `];

  updated(changed) {
    if (changed.has('projectId')) this.#load();
  }

  render() {
    if (!this.project) return html`<h1 tabindex="-1">Project</h1>${this.problemBanner(this.error)}
      ${this.error ? '' : this.waiting('the project')}`;
    const sections = SECTIONS.map(routeNamed).filter((route) => route && session.can(...route.needs));
    return html`<p><a href="/projects">All projects</a></p>
      <h1 tabindex="-1">${this.project.name}</h1>
      ${this.project.description ? html`<p>${this.project.description}</p>` : ''}
      <nav aria-label="Project"><ul>${sections.map((route) => html`<li>
        <a href=${route.path.replace(':id', this.project.id)}>${route.title}</a></li>`)}</ul></nav>
      ${sections.length ? '' : html`<p class="empty">Your roles give you no screens of this project.</p>`}
      ${session.can('updateProject') ? this.#edit() : ''}`;
  }

  #edit() {
    if (!this.editing) return html`<p><button @click=${() => { this.editing = true; }}>Rename or describe</button></p>`;
    return html`<form @submit=${this.#save} aria-label="Project details">
      ${this.problemBanner(this.saveError)}
      <label>Name <input name="name" required maxlength="200" .value=${this.project.name}></label>
      <label>Description <textarea name="description" maxlength="2000" rows="3"
        .value=${this.project.description || ''}></textarea></label>
      <p><button type="submit" ?disabled=${this.busy}>Save</button>
        <button type="button" @click=${() => { this.editing = false; }}>Cancel</button></p>
    </form>`;
  }

  async #save(event) {
    event.preventDefault();
    const form = event.target;
    this.busy = true;
    this.saveError = null;
    try {
      this.project = await send('PATCH', `/api/projects/${this.projectId}`,
        { name: form.name.value.trim(), description: form.description.value }, { quiet: true });
      this.editing = false;
    } catch (error) {
      this.saveError = error;
    } finally {
      this.busy = false;
    }
  }

  async #load() {
    this.project = null;
    this.error = null;
    try {
      this.project = await getJson(`/api/projects/${this.projectId}`);
    } catch (error) {
      this.error = error;
    }
  }
}

customElements.define('rc-project-page', RcProjectPage);
