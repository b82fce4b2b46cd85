package dev.rolecall.dialoglogs;

/**
 * What the demo's bots hear and say: several languages and scripts, emoji, CSV's hard cases (quotes,
 * commas, line breaks), cells a spreadsheet would run, and card and phone numbers for the obfuscation
 * rules to hide.
 */
final class DemoTexts {
  static final String[] CHANNELS = {"web", "telegram", "whatsapp", "phone", "app"};

  static final String[] REQUESTS = {
      "Hi! Where is my order #48213?",
      "Здравствуйте, не могу оплатить картой 4111 1111 1111 1111, что делать?",
      "注文した商品がまだ届きません。追跡番号を教えてください 📦",
      "مرحبا، أريد تغيير عنوان التوصيل",
      "Please call me back on +44 20 7946 0958, thanks 🙏",
      "I said \"cancel\", not \"change\", the order, ok?",
      "Line one of my complaint,\nline two: the courier was late 😡",
      "=HYPERLINK(\"http://example.com\",\"click\")",
      "-- cancel my subscription",
      "@support the app crashes on start",
      "Können Sie mir die Rechnung per E-Mail schicken? Ümlaute: äöüß",
      "Оплатил 5500 0000 0000 0004, деньги списались дважды!",
      "Mon numéro: 06 12 34 56 78, rappelez-moi svp",
      "¿Cuál es el horario de atención? 🕘",
      "+1 555 0100: my number changed",
  };

  static final String[] ANSWERS = {
      "Your order is on its way and should arrive tomorrow. 🚚",
      "Попробуйте другую карту или оплатите через СБП. Номер карты никому не сообщайте.",
      "追跡番号は JP123456789 です。ご不便をおかけして申し訳ありません。",
      "بالتأكيد، ما هو العنوان الجديد؟",
      "A colleague will call you within the hour.",
      "Understood: the order is cancelled, and the refund takes 3-5 days.",
      "I'm sorry to hear that.\nI have passed your complaint, \"as is\", to the delivery team.",
      "I can't open links, sorry.",
      "Your subscription ends on 31 Dec; nothing more will be charged.",
      "Please reinstall the app; if it still crashes, send us a screenshot 📸",
      "Die Rechnung ist unterwegs. Vielen Dank!",
      "Мы вернём двойное списание в течение 3 рабочих дней.",
      "Nous vous rappelons dans la journée.",
      "De lunes a viernes, de 9:00 a 18:00 (CET).",
      "Thanks, your phone number is updated.",
  };

  static final String[] STATES = {"greeting", "order_status", "payment_problem", "handoff", "faq", "goodbye"};

  /** Comma-separated, as the seeding SQL splits them; the empty one is a dialog without labels. */
  static final String[] LABELS = {"", "billing", "vip,follow-up", "complaint", "", "delivery,late"};

  static final String[] PROJECTS = {"Support bot", "Sales assistant", "Доставка 🚚", "配達ボット", "Billing FAQ"};

  /** Rules a new demo account gets (when it has none): RE2, applied in order. */
  static final ObfuscationRule[] RULES = {
      new ObfuscationRule("[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{4}", "[card]", "Card numbers"),
      new ObfuscationRule("\\+?[0-9][0-9 ()-]{7,}[0-9]", "[phone]", "Phone numbers"),
  };

  private DemoTexts() {
  }
}
