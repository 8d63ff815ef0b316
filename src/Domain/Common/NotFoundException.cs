namespace KosodateShien.Domain.Common;

/// <summary>The record named in the path does not exist: answered 404.</summary>
public class NotFoundException(string message) : Exception(message);
