using System.Text.Json.Serialization;
using SafeCompletions.Contracts;

namespace SafeCompletions.Grading;

/// <summary>How <see cref="CachingGrader"/> stores a grade: every field, snake_case, nulls left out.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Grade))]
internal sealed partial class CachedGradeJson : JsonSerializerContext;
