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
syn keyword pktLayer IPv6ExtHdrSegmentRouting IPv6ExtHdrSegmentRoutingTLV IPv6ExtHdrSegmentRoutingTLVIngressNode IPv6ExtHdrSegmentRoutingTLVEgressNode IPv6ExtHdrSegmentRoutingTLVPad1 IPv6ExtHdrSegmentRoutingTLVPadN IPv6ExtHdrSegmentRoutingTLVHMAC
syn keyword pktLayer MIP6MH_Generic MIP6MH_BRR MIP6MH_HoTI MIP6MH_CoTI MIP6MH_HoT MIP6MH_CoT MIP6MH_BU MIP6MH_BA MIP6MH_BE
syn keyword pktLayer MIP6OptUnknown MIP6OptBRAdvice MIP6OptAltCoA MIP6OptNonceIndices MIP6OptBindingAuthData MIP6OptMobNetPrefix MIP6OptLLAddr MIP6OptMNID
syn keyword pktLayer MIP6OptMsgAuth MIP6OptReplayProtection MIP6OptCGAParamsReq MIP6OptCGAParams MIP6OptSignature MIP6OptHomeKeygenToken MIP6OptCareOfTestInit MIP6OptCareOfTest
syn keyword pktLayer ICMPv6NDOptDNSSL ICMPv6NIQueryNOOP ICMPv6NIQueryName ICMPv6NIQueryIPv6 ICMPv6NIQueryIPv4 ICMPv6NIReplyNOOP
syn keyword pktLayer ICMPv6NIReplyName ICMPv6NIReplyIPv6 ICMPv6NIReplyIPv4 ICMPv6NIReplyRefuse ICMPv6NIReplyUnknown
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
