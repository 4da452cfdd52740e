namespace SafeCompletions.Models;

/// <summary>What a kind of model can be used as.</summary>
[Flags]
public enum ModelUses
{
    None = 0,

    /// <summary>A model under evaluation (<c>eval --model</c>).</summary>
    Evaluated = 1,

    /// <summary>A chat model that writes answers (<c>sft --generator</c>): it has an <see cref="Microsoft.Extensions.AI.IChatClient"/>.</summary>
    Generator = 2,

    /// <summary>A judge model (<c>--judge</c>): a chat model that follows a JSON schema.</summary>
    Judge = 4,
}
