global using KosodateShien.Api.Tests.Infrastructure;
global using Shouldly;
global using Xunit;
