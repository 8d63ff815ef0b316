global using Shouldly;
global using Xunit;
global using static KosodateShien.Domain.Tests.RuleAssert;
