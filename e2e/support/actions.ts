import type { Locator, Page } from 'playwright-core';

/**
 * Everything a person does with keyboard and mouse in a span of work, counted.
 *
 * The rule: one key press is one action (Tab, Space, Enter, a one-key answer such as J); one
 * click is one action; typing one piece of text into one field is ONE action, however long the
 * text (a person types a name, not twenty keys). Waiting and looking are free.
 */
export class CountedActions {
  readonly log: string[] = [];
  private readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  get count(): number {
    return this.log.length;
  }

  /** One key press (a chord such as Control+Enter is one press). */
  async press(key: string, why = ''): Promise<void> {
    this.log.push(why ? `${key} (${why})` : key);
    await this.page.keyboard.press(key);
  }

  /** Typing one text into the focused field: one action. */
  async type(text: string, what: string): Promise<void> {
    this.log.push(`type ${what}`);
    await this.page.keyboard.type(text);
  }

  /** One click. */
  async click(target: Locator, what: string): Promise<void> {
    this.log.push(`click ${what}`);
    await target.click();
  }
}
