export const common = {
  unknownCommand: (text: string) => `Jag förstod inte ”${text}”. Skriv **hjälp** för att se vad du kan göra.`,
  didYouMean: (command: string) => `Menade du ${command}?`,
  didYouMeanText: (text: string) => `Tryck på knappen så körs det med det du skrev: ”${text}”`,
  runButton: (command: string) => `Kör ${command}`,
  ranCommand: (text: string) => `Kört: ${text}`,
  emptyMessage: 'Skriv **hjälp** för att se vad du kan göra.',
  welcome: 'Hej! Jag är Lokus och hjälper gruppen med möten: dagordning, närvaro, godkännanden, beslut och protokoll. Skriv **hjälp** för att komma igång.',
  internalError: 'Något gick fel hos Lokus. Försök igen om en stund.',
  databaseUnavailable: 'Lokus når inte databasen just nu. Försök igen om en stund.',
  busy: 'Många ändrar samtidigt just nu. Försök igen om en stund.',
  invalidCardData: 'Kortet skickade uppgifter som inte gick att använda. Ladda om kortet och försök igen.',
  unknownCardAction: 'Den här knappen känns inte igen längre. Skriv **hjälp** för att se vad du kan göra.',
};
