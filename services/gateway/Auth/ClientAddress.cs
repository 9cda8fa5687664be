using System.Net;
using System.Net.Sockets;

namespace Identities.Gateway.Auth;

/// <summary>
/// The client a request is counted against (login throttle, rate limits): its IPv4 address, or the /64 of an
/// IPv6 one, since a single IPv6 host usually holds a whole /64 and could otherwise pick a new address per try.
/// </summary>
public static class ClientAddress
{
    public static string Of(HttpContext context) => Partition(context.Connection.RemoteIpAddress);

    public static string Partition(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }
}
