import type { BoundComponent, BoundField } from '../bound/model.ts';
import type { Component, FormField } from '../format/types.ts';
import type { Build } from './context.ts';
import type { CompileScope, Text } from './scope.ts';
import { catchDrop, collectSome } from './units.ts';

// Forms: an optional field drops alone; a required field cannot (the answers would be incomplete
// by design), so its Drop reaches the form. A built form registers its id for submit_form actions.

type Form = Extract<Component, { type: 'form' }>;

function compileField(f: FormField, at: string, s: CompileScope): Build<BoundField> {
  const name = f.name;
  const label = s.textOr(f.label, `${at}/label`, '');
  const required = f.required ?? false;
  const errorMessage = s.optText(f.errorMessage, `${at}/errorMessage`);
  switch (f.kind) {
    case 'text': case 'email': case 'phone': {
      const kind = f.kind;
      const pattern = f.pattern ?? null;
      const placeholder = s.optText(f.placeholder, `${at}/placeholder`);
      const maxLength = f.maxLength ?? null;
      return (ctx) => ({ kind, name, label: label(ctx), required, errorMessage: errorMessage(ctx), pattern, placeholder: placeholder(ctx), maxLength });
    }
    case 'number': {
      const min = f.min ?? null;
      const max = f.max ?? null;
      return (ctx) => ({ kind: 'number', name, label: label(ctx), required, errorMessage: errorMessage(ctx), min, max });
    }
    case 'choice': case 'multi_choice': {
      const kind = f.kind;
      const options: { value: string; label: Text }[] = f.options.map((o, i) => ({ value: o.value, label: s.text(o.label, `${at}/options/${i}/label`) }));
      return (ctx) => ({ kind, name, label: label(ctx), required, errorMessage: errorMessage(ctx), options: options.map((o) => ({ value: o.value, label: o.label(ctx) })) });
    }
    case 'rating': {
      // 1..5 by default; min 0 makes a 0–10 NPS question.
      const min = f.min ?? 1;
      const max = f.max ?? 5;
      return (ctx) => ({ kind: 'rating', name, label: label(ctx), required, errorMessage: errorMessage(ctx), min, max });
    }
    case 'date': case 'time': case 'toggle': {
      const kind = f.kind;
      return (ctx) => ({ kind, name, label: label(ctx), required, errorMessage: errorMessage(ctx) });
    }
  }
}

export function compileForm(c: Form, at: string, key: string, s: CompileScope): Build<BoundComponent> {
  const id = c.id;
  const title = s.optText(c.title, `${at}/title`);
  const submitLabel = s.text(c.submitLabel, `${at}/submitLabel`);
  const multipleAnswers = c.multipleAnswers ?? false;
  const fields = c.fields.map((f, i) => {
    const fieldAt = `${at}/fields/${i}`;
    const build = compileField(f, fieldAt, s);
    return f.required === true ? build : catchDrop(fieldAt, build);
  });
  return (ctx) => {
    const form: BoundComponent = { key, type: 'form', id, title: title(ctx), fields: collectSome(ctx, fields, at, 'field'), submitLabel: submitLabel(ctx), multipleAnswers };
    ctx.forms.add(id);
    return form;
  };
}
