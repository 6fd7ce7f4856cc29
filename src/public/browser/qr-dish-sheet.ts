import { byId, clear, make } from '../../common/browser/dom.js';
import { priceDeltaText } from '../../i18n/money-format.js';
import {
  type ChosenModifier,
  choiceHint,
  choiceProblem,
  type ModifierGroup,
  soldOutMessage,
  unitPriceOf,
} from '../qr-cart-rules.js';
import type { Cart } from './qr-cart.js';
import { type MenuData, type MenuDish, type MenuVariation, variationOf } from './qr-menu-data.js';
import { notify } from './qr-notices.js';

interface GroupField {
  group: ModifierGroup;
  fieldset: HTMLFieldSetElement;
  problem: HTMLParagraphElement;
}

interface OpenSheet {
  dish: MenuDish;
  quantity: number;
  fields: GroupField[];
  /** The guest tried to add: the groups' minimums are shown from then on. */
  tried: boolean;
}

/** The dish sheet: a dish's variation, modifiers, quantity and a comment for the kitchen. */
export class DishSheet {
  private sheet: OpenSheet | null = null;

  constructor(
    private readonly menu: MenuData,
    private readonly cart: Cart,
    private readonly money: (minor: number) => string,
    private readonly currency: string,
  ) {
    byId('dish-choices').addEventListener('change', () => this.update());
    byId('dish-fewer').addEventListener('click', () => this.step(-1));
    byId('dish-more').addEventListener('click', () => this.step(1));
    byId('dish-cancel').addEventListener('click', () => byId<HTMLDialogElement>('dish-sheet').close());
    byId('dish-form').addEventListener('submit', (event) => this.add(event));
  }

  open(dishId: string): void {
    this.menu.ready().then(
      () => this.show(dishId),
      () => notify('Sorry, the menu did not load. Please check your connection and try again.'),
    );
  }

  private show(dishId: string): void {
    const dish = this.menu.dish(dishId);
    if (!dish) {
      notify('Sorry, this dish has just sold out.');
      return;
    }
    const choices = clear(byId('dish-choices'));
    if (dish.variations.length > 1) choices.appendChild(this.variationField(dish));
    const fields = (dish.modifierGroups ?? []).map((group) => this.groupField(group));
    for (const field of fields) choices.appendChild(field.fieldset);
    this.sheet = { dish, quantity: 1, fields, tried: false };
    byId('dish-title').textContent = dish.name;
    const description = byId('dish-description');
    description.textContent = dish.description || '';
    description.hidden = !dish.description;
    byId<HTMLTextAreaElement>('dish-comment').value = '';
    byId('dish-problem').textContent = '';
    this.update();
    byId<HTMLDialogElement>('dish-sheet').showModal();
  }

  private step(by: number): void {
    if (!this.sheet) return;
    this.sheet.quantity = Math.max(1, Math.min(99, this.sheet.quantity + by));
    this.update();
  }

  private variationField(dish: MenuDish): HTMLFieldSetElement {
    const fieldset = make('fieldset');
    fieldset.appendChild(make('legend', null, 'Choose one'));
    dish.variations.forEach((variation, index) => {
      const price = this.money(variation.price);
      fieldset.appendChild(choice('radio', 'variation', variation.id, variation.name, price, index === 0));
    });
    return fieldset;
  }

  private groupField(group: ModifierGroup): GroupField {
    const fieldset = make('fieldset');
    const legend = make('legend', null, `${group.name} `);
    legend.appendChild(make('span', 'hint', `(${choiceHint(group)})`));
    fieldset.appendChild(legend);
    const single = group.maxChoices === 1;
    const name = `group-${group.id}`;
    if (single && group.minChoices === 0) fieldset.appendChild(choice('radio', name, '', 'None', '', true));
    const options = group.options.slice().sort((a, b) => a.sortOrder - b.sortOrder);
    for (const option of options) {
      const price = priceDeltaText(option.priceDelta, this.currency);
      fieldset.appendChild(choice(single ? 'radio' : 'checkbox', name, option.id, option.name, price, false));
    }
    const problem = make('p', 'problem');
    problem.id = `problem-${group.id}`;
    fieldset.setAttribute('aria-describedby', problem.id);
    fieldset.appendChild(problem);
    return { group, fieldset, problem };
  }

  private selection(sheet: OpenSheet): { variation: MenuVariation | undefined; modifiers: ChosenModifier[] } {
    const picked = byId('dish-choices').querySelector<HTMLInputElement>('input[name="variation"]:checked');
    const variation = picked ? variationOf(sheet.dish, picked.value) : sheet.dish.variations[0];
    const modifiers = sheet.fields.flatMap((field) =>
      chosenIn(field).flatMap((input) =>
        field.group.options
          .filter((option) => option.id === input.value)
          .map((option) => ({ optionId: option.id, name: option.name, priceDelta: option.priceDelta })),
      ),
    );
    return { variation, modifiers };
  }

  /** Keeps the sheet honest as the guest chooses: max enforced by disabling, min shown once they tried to add. */
  private update(): number {
    const sheet = this.sheet;
    if (!sheet) return 0;
    let problems = 0;
    for (const field of sheet.fields) {
      const count = chosenIn(field).length;
      if (field.group.maxChoices > 1) {
        field.fieldset.querySelectorAll('input').forEach((input) => {
          input.disabled = !input.checked && count >= field.group.maxChoices;
        });
      }
      const problem = choiceProblem(field.group, count);
      if (problem) problems += 1;
      field.problem.textContent = sheet.tried && problem ? problem : '';
    }
    const { variation, modifiers } = this.selection(sheet);
    const unit = variation ? unitPriceOf(variation.price, modifiers) : 0;
    byId('dish-quantity').textContent = String(sheet.quantity);
    byId<HTMLButtonElement>('dish-fewer').disabled = sheet.quantity <= 1;
    byId<HTMLButtonElement>('dish-more').disabled = sheet.quantity >= 99;
    byId('dish-add').textContent = `Add ${sheet.quantity} to order · ${this.money(unit * sheet.quantity)}`;
    return problems;
  }

  private add(event: Event): void {
    event.preventDefault();
    const sheet = this.sheet;
    if (!sheet) return;
    sheet.tried = true;
    if (this.update() > 0) {
      const wrong = sheet.fields.find((field) => field.problem.textContent !== '');
      wrong?.fieldset.querySelector<HTMLInputElement>('input:not(:disabled)')?.focus();
      return;
    }
    const { variation, modifiers } = this.selection(sheet);
    const dish = sheet.dish;
    const comment = byId<HTMLTextAreaElement>('dish-comment').value.trim();
    const variationId = variation?.id ?? '';
    const line = {
      key: [
        dish.id,
        variationId,
        modifiers
          .map((m) => m.optionId)
          .sort()
          .join(','),
        comment,
      ].join('|'),
      dishId: dish.id,
      dishName: dish.name,
      variationId,
      variationName: dish.variations.length > 1 && variation ? variation.name : '',
      modifiers,
      comment,
      quantity: sheet.quantity,
      unitPrice: variation ? unitPriceOf(variation.price, modifiers) : 0,
      unavailable: false,
    };
    if (!this.menu.offers(line)) {
      byId('dish-problem').textContent = soldOutMessage([line.dishName]);
      return;
    }
    this.cart.add(line);
    byId<HTMLDialogElement>('dish-sheet').close();
    notify(`Added ${line.quantity} × ${line.dishName} to your order.`);
    byId('open-cart').focus();
  }
}

function choice(type: string, name: string, value: string, label: string, price: string, checked: boolean) {
  const wrapper = make('label', 'option');
  const input = make('input');
  input.type = type;
  input.name = name;
  input.value = value;
  input.checked = checked;
  wrapper.appendChild(input);
  wrapper.appendChild(make('span', null, label));
  if (price) {
    wrapper.appendChild(document.createTextNode(' '));
    wrapper.appendChild(make('span', 'price', price));
  }
  return wrapper;
}

function chosenIn(field: GroupField): HTMLInputElement[] {
  return Array.from(field.fieldset.querySelectorAll('input')).filter(
    (input) => input.checked && input.value !== '',
  );
}
