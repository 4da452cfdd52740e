namespace SafeCompletions.Training.Chat.Jinja;

/// <summary>
/// A chat template this interpreter cannot run (a construct outside its Jinja subset, named in the message) or that
/// raised an error itself (<c>raise_exception</c>, e.g. "Conversation roles must alternate").
/// </summary>
public sealed class TemplateException(string message) : Exception(message);
