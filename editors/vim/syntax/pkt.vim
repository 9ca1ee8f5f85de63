" Vim syntax file
" Language:    pktspec specs (.pkt)
" Maintainer:  the pktspec project
" The words are grammar/lexer.l's keywords, compiler/builtins.c's builtins,
" compiler/sema_layer.c's field classes and `pktspec ls`'s layers:
" tests/editor checks this file against pktspec's own scanner (editors/README.md).

if exists("b:current_syntax")
  finish
endif
let s:cpo_save = &cpo
set cpo&vim

syntax case match
" A name may hold '-' (echo-request, who-has): one word, as the scanner reads it.
syntax iskeyword @,48-57,_,-

" Where several matches start at one place, the one defined last wins: the
" general first, the particular after (a keyword beats them all).
syn match pktName "\h\w*\%(-\w\+\)*"

syn keyword pktConditional if elif else
syn keyword pktRepeat for
syn keyword pktStatement param test layer import expect
syn keyword pktOperator and or not in matches within
syn keyword pktBoolean true false
syn keyword pktNone none

syn match pktBuiltin "\%(AsyncSniffer\|nsummary\|bytes\|raw\|start\|stop\|join\|str\|send\|sendp\|sr\|sr1\|srp\|srp1\|srloop\|srploop\|sniff\|wrpcap\|rdpcap\|ls\|print\|hexdump\|len\|random\|fragment\|summary\|show\|command\|haslayer\|getlayer\)\ze[ \t]*("
syn match pktFieldClass "\%(ByteField\|XByteField\|ShortField\|XShortField\|IntField\|XIntField\|LongField\|XLongField\|BitField\|ByteEnumField\|ShortEnumField\|IntEnumField\|BitEnumField\|FlagsField\|MACField\|IPField\|IP6Field\|StrField\)\ze[ \t]*("
syn keyword pktLayer ARP DNS DNSQR DNSRR DNSRRMX DNSRRSOA DNSRRSRV Dot1AD Dot1Q Dot3 Ether GRE GRE_PPTP
syn keyword pktLayer GRErouting HAO HBHOptUnknown HDLC ICMP ICMPerror ICMPv6DestUnreach ICMPv6EchoReply
syn keyword pktLayer ICMPv6EchoRequest ICMPv6MLDone ICMPv6MLQuery ICMPv6MLReport ICMPv6NDOptDstLLAddr
syn keyword pktLayer ICMPv6NDOptMTU ICMPv6NDOptPrefixInfo ICMPv6NDOptRDNSS ICMPv6NDOptSrcLLAddr
syn keyword pktLayer ICMPv6NDOptUnknown ICMPv6ND_NA ICMPv6ND_NS ICMPv6ND_RA ICMPv6ND_RS ICMPv6ND_Redirect
syn keyword pktLayer ICMPv6PacketTooBig ICMPv6ParamProblem ICMPv6TimeExceeded ICMPv6Unknown IP IPOption
syn keyword pktLayer IPOption_Address_Extension IPOption_EOL IPOption_LSRR IPOption_MTU_Probe
syn keyword pktLayer IPOption_MTU_Reply IPOption_NOP IPOption_RR IPOption_Router_Alert IPOption_SDBM
syn keyword pktLayer IPOption_SSRR IPOption_Security IPOption_Stream_Id IPOption_Timestamp
syn keyword pktLayer IPOption_Traceroute IPerror IPerror6 IPv6 IPv6ExtHdrDestOpt IPv6ExtHdrFragment
syn keyword pktLayer IPv6ExtHdrHopByHop IPv6ExtHdrRouting Jumbo LLC PPP Pad1 PadN Padding RIP RIPEntry Raw
syn keyword pktLayer RouterAlert SNAP TCP TCPerror UDP UDPerror VXLAN
syn keyword pktLayer CookedLinux CookedLinuxV2 Loopback
syn keyword pktLayer AH ESP IGMP IGMPv3 IGMPv3mq IGMPv3mr IGMPv3gr IGMPv3mra
syn keyword pktLayer ICMPv6MLQuery2 ICMPv6MLReport2 ICMPv6MLDMultAddrRec
syn keyword pktLayer ICMPv6NDOptRouteInfo ICMPv6NDOptShortcutLimit ICMPv6NDOptAdvInterval ICMPv6NDOptHAInfo
syn keyword pktLayer ICMPv6NDOptIPAddr ICMPv6NDOptNewRtrPrefix ICMPv6NDOptLLA ICMPv6NDOptMAP ICMPv6NDOptEFA
syn keyword pktLayer DNSRRDS DNSRRDNSKEY DNSRRRSIG DNSRRNSEC
syn keyword pktLayer STP VRRP VRRPv3 HSRP HSRPmd5
syn keyword pktLayer LLDPDU LLDPDUChassisID LLDPDUPortID LLDPDUTimeToLive LLDPDUEndOfLLDPDU
syn keyword pktLayer LLDPDUPortDescription LLDPDUSystemName LLDPDUSystemDescription
syn keyword pktLayer LLDPDUSystemCapabilities LLDPDUManagementAddress LLDPDUGenericOrganisationSpecific
syn keyword pktLayer BOOTP DHCP MPLS EoMCW GENEVE GeneveOptions
syn keyword pktLayer RadioTap RadioTapExtendedPresenceMask Dot11 Dot11FCS Dot11QoS
syn keyword pktLayer Dot11Beacon Dot11ATIM Dot11Disas Dot11AssoReq Dot11AssoResp Dot11ReassoReq
syn keyword pktLayer Dot11ReassoResp Dot11ProbeReq Dot11ProbeResp Dot11Auth Dot11Deauth Dot11Ack
syn keyword pktLayer Dot11Elt Dot11EltRates Dot11EltDSSSet Dot11EltERP Dot11EltVendorSpecific
syn keyword pktLayer Dot11Encrypted Dot11WEP Dot11TKIP Dot11CCMP
syn keyword pktLayer Dot11EltRSN RSNCipherSuite AKMSuite PMKIDListPacket Dot11EltMicrosoftWPA
syn keyword pktLayer Dot11EltCountry Dot11EltCountryConstraintTriplet Dot11EltHTCapabilities
syn keyword pktLayer RadioTapTLV
syn keyword pktLayer DHCP6 DHCP6_Solicit DHCP6_Advertise DHCP6_Request DHCP6_Confirm DHCP6_Renew DHCP6_Rebind
syn keyword pktLayer DHCP6_Reply DHCP6_Release DHCP6_Decline DHCP6_Reconf DHCP6_InfoRequest DHCP6_RelayForward
syn keyword pktLayer DHCP6_RelayReply DUID_LLT DUID_EN DUID_LL DUID_UUID DHCP6OptUnknown DHCP6OptClientId
syn keyword pktLayer DHCP6OptServerId DHCP6OptIAAddress DHCP6OptIA_NA DHCP6OptIA_TA DHCP6OptOptReq DHCP6OptPref
syn keyword pktLayer DHCP6OptElapsedTime DHCP6OptRelayMsg DHCP6OptAuth DHCP6OptServerUnicast DHCP6OptStatusCode
syn keyword pktLayer DHCP6OptRapidCommit DHCP6OptUserClass DHCP6OptVendorClass DHCP6OptVendorSpecificInfo
syn keyword pktLayer DHCP6OptIfaceId DHCP6OptReconfMsg DHCP6OptReconfAccept DHCP6OptSIPDomains DHCP6OptSIPServers
syn keyword pktLayer DHCP6OptDNSServers DHCP6OptDNSDomains DHCP6OptIA_PD DHCP6OptIAPrefix DHCP6OptNISServers
syn keyword pktLayer DHCP6OptNISPServers DHCP6OptNISDomain DHCP6OptNISPDomain DHCP6OptSNTPServers DHCP6OptInfoRefreshTime
syn keyword pktLayer DHCP6OptBCMCSDomains DHCP6OptBCMCSServers DHCP6OptRemoteID DHCP6OptSubscriberID DHCP6OptClientFQDN
syn keyword pktLayer DHCP6OptPanaAuthAgent DHCP6OptNewPOSIXTimeZone DHCP6OptNewTZDBTimeZone DHCP6OptRelayAgentERO
syn keyword pktLayer DHCP6OptLQClientLink DHCP6OptBootFileUrl DHCP6OptClientArchType DHCP6OptClientNetworkInterId
syn keyword pktLayer DHCP6OptERPDomain DHCP6OptRelaySuppliedOpt DHCP6OptVSS DHCP6OptClientLinkLayerAddr
syn keyword pktLayer DHCP6OptMudUrl USER_CLASS_DATA VENDOR_CLASS_DATA VENDOR_SPECIFIC_OPTION
syn keyword pktLayer SCTP SCTPerror SCTPChunkData SCTPChunkInit SCTPChunkInitAck SCTPChunkSACK
syn keyword pktLayer SCTPChunkHeartbeatReq SCTPChunkHeartbeatAck SCTPChunkAbort SCTPChunkShutdown
syn keyword pktLayer SCTPChunkShutdownAck SCTPChunkError SCTPChunkCookieEcho SCTPChunkCookieAck
syn keyword pktLayer SCTPChunkShutdownComplete SCTPChunkAuthentication SCTPChunkAddressConf
syn keyword pktLayer SCTPChunkAddressConfAck SCTPChunkParamHeartbeatInfo SCTPChunkParamIPv4Addr
syn keyword pktLayer SCTPChunkParamIPv6Addr SCTPChunkParamStateCookie
syn keyword pktLayer SCTPChunkParamUnrocognizedParam SCTPChunkParamCookiePreservative
syn keyword pktLayer SCTPChunkParamHostname SCTPChunkParamSupportedAddrTypes
syn keyword pktLayer SCTPChunkParamECNCapable SCTPChunkParamRandom SCTPChunkParamChunkList
syn keyword pktLayer SCTPChunkParamRequestedHMACFunctions SCTPChunkParamSupportedExtensions
syn keyword pktLayer SCTPChunkParamFwdTSN SCTPChunkParamAddIPAddr SCTPChunkParamDelIPAddr
syn keyword pktLayer SCTPChunkParamErrorIndication SCTPChunkParamSetPrimaryAddr
syn keyword pktLayer SCTPChunkParamSuccessIndication SCTPChunkParamAdaptationLayer
syn keyword pktLayer ISAKMP ISAKMP_payload ISAKMP_payload_SA ISAKMP_payload_Proposal
syn keyword pktLayer ISAKMP_payload_Transform ISAKMP_payload_KE ISAKMP_payload_ID ISAKMP_payload_Hash
syn keyword pktLayer ISAKMP_payload_Nonce ISAKMP_payload_VendorID DNSRROPT EDNS0TLV EDNS0ClientSubnet DNSRRNSEC3 DNSRRNSEC3PARAM
syn keyword pktLayer RIPAuth NTPHeader NTPAuthenticator NTPExtensions NTPExtension Packet NTPPrivate NTPPrivateReqPacket NTPPrivatePktTail NTPInfoPeerList NTPInfoPeerSummary NTPInfoPeerStats NTPInfoLoop NTPInfoSys NTPInfoSysStats NTPInfoIOStats NTPInfoTimerStats NTPConfPeer NTPConfUnpeer NTPConfRestrict NTPInfoKernel NTPInfoMonitor1 NTPInfoAuth NTPConfTrap NTPInfoControl
syn keyword pktLayer NBNSHeader NBNSQueryRequest NBNSNodeStatusRequest NBNS_ADD_ENTRY
syn keyword pktLayer NBNSQueryResponse NBNSNodeStatusResponseService NBNSNodeStatusResponse
syn keyword pktLayer NBNSRegistrationRequest NBNSWackResponse NBTDatagram NetBIOS_DS NBTSession
syn keyword pktLayer SMB_Header SMBNegociate_Protocol_Request_Header_Generic Radius
syn keyword pktLayer RadiusAttribute RadiusAttr_User_Name RadiusAttr_NAS_Port
syn keyword pktLayer RadiusAttr_Framed_MTU RadiusAttr_Login_TCP_Port RadiusAttr_Session_Timeout
syn keyword pktLayer RadiusAttr_Idle_Timeout RadiusAttr_Framed_AppleTalk_Link
syn keyword pktLayer RadiusAttr_Framed_AppleTalk_Network RadiusAttr_Acct_Delay_Time
syn keyword pktLayer RadiusAttr_Acct_Input_Octets RadiusAttr_Acct_Output_Octets
syn keyword pktLayer RadiusAttr_Acct_Session_Time RadiusAttr_Acct_Input_Packets
syn keyword pktLayer RadiusAttr_Acct_Output_Packets RadiusAttr_Acct_Link_Count
syn keyword pktLayer RadiusAttr_Acct_Input_Gigawords RadiusAttr_Acct_Output_Gigawords
syn keyword pktLayer RadiusAttr_Egress_VLANID RadiusAttr_Port_Limit RadiusAttr_ARAP_Security
syn keyword pktLayer RadiusAttr_Password_Retry RadiusAttr_Tunnel_Preference
syn keyword pktLayer RadiusAttr_Acct_Interim_Interval RadiusAttr_Acct_Tunnel_Packets_Lost
syn keyword pktLayer RadiusAttr_Mobility_Domain_Id RadiusAttr_Preauth_Timeout
syn keyword pktLayer RadiusAttr_WLAN_Venue_Info RadiusAttr_WLAN_Reason_Code
syn keyword pktLayer RadiusAttr_WLAN_Pairwise_Cipher RadiusAttr_WLAN_Group_Cipher
syn keyword pktLayer RadiusAttr_WLAN_AKM_Suite RadiusAttr_WLAN_Group_Mgmt_Cipher
syn keyword pktLayer RadiusAttr_WLAN_RF_Band RadiusAttr_User_Password RadiusAttr_State
syn keyword pktLayer RadiusAttr_Message_Authenticator RadiusAttr_NAS_IP_Address
syn keyword pktLayer RadiusAttr_Framed_IP_Address RadiusAttr_Framed_IP_Netmask
syn keyword pktLayer RadiusAttr_Login_IP_Host RadiusAttr_Framed_IPX_Network
syn keyword pktLayer RadiusAttr_PMIP6_Home_LMA_IPv4_Address RadiusAttr_PMIP6_Home_IPv4_Gateway
syn keyword pktLayer RadiusAttr_PMIP6_Visited_IPv4_Gateway RadiusAttr_Service_Type
syn keyword pktLayer RadiusAttr_Framed_Protocol RadiusAttr_Acct_Status_Type
syn keyword pktLayer RadiusAttr_Acct_Authentic RadiusAttr_Acct_Terminate_Cause
syn keyword pktLayer RadiusAttr_NAS_Port_Type RadiusAttr_EAP_Message RadiusAttr_Vendor_Specific
syn keyword pktLayer EAP EAP_MD5 EAP_TLS EAP_TTLS EAP_PEAP EAP_FAST LEAP EAPOL
syn keyword pktLayer TFTP TFTP_RRQ TFTP_WRQ TFTP_DATA TFTP_ACK TFTP_ERROR TFTP_OACK TFTP_Options TFTP_Option
syn keyword pktLayer RadiusAttr_Management_Privilege_Level RadiusAttr_PMIP6_Visited_LMA_IPv4_Address
syn keyword pktLayer RadiusAttr_PMIP6_Home_DHCP4_Server_Address RadiusAttr_PMIP6_Visited_DHCP4_Server_Address
syn keyword pktLayer IPv6ExtHdrSegmentRouting IPv6ExtHdrSegmentRoutingTLV IPv6ExtHdrSegmentRoutingTLVIngressNode IPv6ExtHdrSegmentRoutingTLVEgressNode IPv6ExtHdrSegmentRoutingTLVPad1 IPv6ExtHdrSegmentRoutingTLVPadN IPv6ExtHdrSegmentRoutingTLVHMAC
syn keyword pktLayer MIP6MH_Generic MIP6MH_BRR MIP6MH_HoTI MIP6MH_CoTI MIP6MH_HoT MIP6MH_CoT MIP6MH_BU MIP6MH_BA MIP6MH_BE
syn keyword pktLayer MIP6OptUnknown MIP6OptBRAdvice MIP6OptAltCoA MIP6OptNonceIndices MIP6OptBindingAuthData MIP6OptMobNetPrefix MIP6OptLLAddr MIP6OptMNID
syn keyword pktLayer MIP6OptMsgAuth MIP6OptReplayProtection MIP6OptCGAParamsReq MIP6OptCGAParams MIP6OptSignature MIP6OptHomeKeygenToken MIP6OptCareOfTestInit MIP6OptCareOfTest
syn keyword pktLayer ICMPv6NDOptDNSSL ICMPv6NIQueryNOOP ICMPv6NIQueryName ICMPv6NIQueryIPv6 ICMPv6NIQueryIPv4 ICMPv6NIReplyNOOP
syn keyword pktLayer ICMPv6NIReplyName ICMPv6NIReplyIPv6 ICMPv6NIReplyIPv4 ICMPv6NIReplyRefuse ICMPv6NIReplyUnknown
syn keyword pktLayer NTPControl NTPStatusPacket NTPSystemStatusPacket NTPPeerStatusPacket NTPClockStatusPacket NTPErrorStatusPacket NTPPeerStatusDataPacket
syn keyword pktLayer PPPoE PPPoED PPPoETag PPPoED_Tags PPP_LCP PPP_LCP_Terminate PPP_LCP_Option
syn keyword pktLayer PPP_LCP_MRU_Option PPP_LCP_ACCM_Option PPP_LCP_Auth_Protocol_Option
syn keyword pktLayer PPP_LCP_Quality_Protocol_Option PPP_LCP_Magic_Number_Option
syn keyword pktLayer PPP_LCP_Callback_Option PPP_LCP_Configure PPP_LCP_Discard_Request PPP_LCP_Echo
syn keyword pktLayer PPP_LCP_Code_Reject PPP_LCP_Protocol_Reject
syn keyword pktLayer PPP_PAP PPP_PAP_Request PPP_PAP_Response PPP_CHAP PPP_CHAP_ChallengeResponse
syn keyword pktLayer PPTP PPTPStartControlConnectionRequest PPTPStartControlConnectionReply
syn keyword pktLayer PPTPStopControlConnectionRequest PPTPStopControlConnectionReply PPTPEchoRequest
syn keyword pktLayer PPTPEchoReply PPTPOutgoingCallRequest PPTPOutgoingCallReply
syn keyword pktLayer PPTPIncomingCallRequest PPTPIncomingCallReply PPTPIncomingCallConnected
syn keyword pktLayer PPTPCallClearRequest PPTPCallDisconnectNotify PPTPWANErrorNotify
syn keyword pktLayer PPTPSetLinkInfo L2TP
syn match pktLayerDecl "\%(\<layer[ \t]\+\)\@40<=\h\w*\%(-\w\+\)*"
" x[...] right after an operand: ':' is a slice's, no IPv6 address there (the lexer's SUB state)
syn region pktSubscript transparent start=+\%([A-Za-z0-9_)\]"]\)\@1<=\[+ end=+\]+ contains=ALLBUT,pktIPv6,pktPrefix6,pktEscape,pktBadEscape,pktBadBytes,pktTodo

" Numbers and addresses, from the loosest to the most particular.
syn match pktBadNumber "\%(\d\+\.\d\+\h\w*\|\d\w*\)"
syn match pktInteger "\d\+\%(_\d\+\)*\%(\w\|\.\d\)\@!"
syn match pktFloat "\d\+\.\d\+\w\@!"
syn match pktInteger "0[xX]\x\+\%(_\x\+\)*\w\@!"
syn match pktInteger "0[bB][01]\+\%(_[01]\+\)*\w\@!"
syn match pktDuration "\d\+\%(_\d\+\)*\%(\.\d\+\)\=\%(ns\|us\|ms\|s\|m\)\w\@!"
syn match pktIPv6 "[0-9A-Fa-f:]*:[0-9A-Fa-f:]*\%(\.\d\+\.\d\+\.\d\+\)\="
syn match pktPrefix6 "[0-9A-Fa-f:]*:[0-9A-Fa-f:]*\%(\.\d\+\.\d\+\.\d\+\)\=/\d\+"
syn match pktIPv4 "\d\+\.\d\+\%(\.\d\+\)\+"
syn match pktPrefix4 "\d\+\.\d\+\%(\.\d\+\)\+/\d\+"
syn match pktMAC "\x\x\%(:\x\x\)\{5}[0-9A-Fa-f:]\@!"

" Strings end at their quote or at the end of the line, as the scanner's do.
syn match pktBadEscape "\\.\=" contained
syn match pktEscape +\\\%(x\x\x\|[ntr0\\"]\)+ contained
syn region pktString matchgroup=pktString start=+"+ skip=+\\\\\|\\"+ end=+"\|$+ contains=pktEscape,pktBadEscape
syn match pktBadBytes '[^0-9A-Fa-f \t"]\+' contained
syn region pktBytes matchgroup=pktBytes start=+x"+ end=+"\|$+ contains=pktBadBytes

syn keyword pktTodo TODO FIXME XXX contained
syn match pktComment "#.*$" contains=pktTodo,@Spell

hi def link pktComment Comment
hi def link pktTodo Todo
hi def link pktString String
hi def link pktBytes String
hi def link pktEscape SpecialChar
hi def link pktBadEscape Error
hi def link pktBadBytes Error
hi def link pktBadNumber Error
hi def link pktInteger Number
hi def link pktFloat Float
hi def link pktDuration Number
hi def link pktMAC Constant
hi def link pktIPv4 Constant
hi def link pktIPv6 Constant
hi def link pktPrefix4 Constant
hi def link pktPrefix6 Constant
hi def link pktConditional Conditional
hi def link pktRepeat Repeat
hi def link pktStatement Statement
hi def link pktOperator Operator
hi def link pktBoolean Boolean
hi def link pktNone Constant
hi def link pktBuiltin Function
hi def link pktFieldClass Type
hi def link pktLayer Type
hi def link pktLayerDecl Typedef

let b:current_syntax = "pkt"
let &cpo = s:cpo_save
unlet s:cpo_save
