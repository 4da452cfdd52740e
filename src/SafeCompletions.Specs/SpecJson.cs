using System.Text.Json.Serialization;

namespace SafeCompletions.Specs;

/// <summary>
/// Source-generated reading of a spec's exemplars file. Apart from <see cref="Contracts.ContractJson"/> so that the
/// contracts do not depend on the spec model: the dependency runs one way, specs to contracts.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    NumberHandling = JsonNumberHandling.Strict,
    AllowTrailingCommas = false,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(SpecExemplar))]
internal sealed partial class SpecJson : JsonSerializerContext;
