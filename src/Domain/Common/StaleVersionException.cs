namespace KosodateShien.Domain.Common;

/// <summary>The client sent a version older than the stream's: answered 409 like Marten's own concurrency failures.</summary>
public sealed class StaleVersionException(string message) : Exception(message);
